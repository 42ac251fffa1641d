package dev.pulse.account;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure an administrator exists at start-up. With {@code pulse.admin.password}
 * (env {@code PULSE_ADMIN_PASSWORD}) the account gets exactly that password; without it a first
 * start generates a random one and logs it once, and later starts leave the account alone.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    AccountService accounts;

    @Inject
    @ConfigProperty(name = "pulse.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "pulse.admin.password")
    Optional<String> password;

    @PostConstruct
    void ensureAdministrator() {
        try {
            if (password.filter(p -> !p.isBlank()).isPresent()) {
                accounts.ensure(username, password.get(), Roles.ADMIN);
                LOG.info(() -> "Administrator '" + username + "' ready (password from configuration)");
            } else if (accounts.find(username).isEmpty()) {
                String generated = randomPassword();
                accounts.ensure(username, generated, Roles.ADMIN);
                // Logged once, on the start that creates the account: set PULSE_ADMIN_PASSWORD to choose it.
                LOG.warning("Administrator '" + username + "' created with generated password: " + generated);
            } else {
                accounts.ensure(username, null, Roles.ADMIN);
            }
        } catch (RegistrationException e) {
            LOG.severe("Administrator '" + username + "' could not be created: " + e.getMessage());
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
