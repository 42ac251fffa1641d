package dev.pulse.account;

import dev.pulse.infrastructure.persistence.SchemaMigrations;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Jakarta Security wiring: the identity store (accounts and their groups in the database, PBKDF2
 * hashes) and the roles. The mechanism is {@link SessionAuthentication}: once
 * {@link AccountResource#login} authenticated a caller, every later request carrying the session
 * cookie, the WebSocket upgrade included, runs as that caller. The container invokes the mechanism
 * on every request, protected or not, so {@code /ws/*} needs no security constraint.
 */
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = SchemaMigrations.DATASOURCE,
        callerQuery = "SELECT password_hash FROM account WHERE username = ?",
        groupsQuery = "SELECT r.role FROM account_role r JOIN account a ON a.id = r.account_id WHERE a.username = ?",
        hashAlgorithm = Pbkdf2PasswordHash.class)
@DeclareRoles({Roles.USER, Roles.ADMIN})
@ApplicationScoped
public class SecurityConfiguration {
}
