package dev.pulse.account;

import dev.pulse.infrastructure.persistence.SchemaMigrations;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Jakarta Security wiring. The custom form mechanism is session based ({@code @AutoApplySession}
 * is part of it): once {@link AccountResource#login} authenticated a caller, every later request
 * carrying the session cookie, the WebSocket upgrade included, runs as that caller. Payara invokes
 * the mechanism on every request, protected or not, so {@code /ws/*} needs no security constraint.
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/accounts/login.html", errorPage = "", useForwardToLogin = true))
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = SchemaMigrations.DATASOURCE,
        callerQuery = "SELECT password_hash FROM account WHERE username = ?",
        groupsQuery = "SELECT r.role FROM account_role r JOIN account a ON a.id = r.account_id WHERE a.username = ?",
        hashAlgorithm = Pbkdf2PasswordHash.class)
@DeclareRoles({Roles.USER, Roles.ADMIN})
@ApplicationScoped
public class SecurityConfiguration {
}
