package dev.pulse.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PBKDF2 hashes in Jakarta Security's own format ({@code algorithm:iterations:salt:hash}): the
 * identity store verifies them with the parameters stored in each hash, so raising the iteration
 * count applies to new passwords without breaking old ones. The hash implementation keeps no
 * state between calls once initialized, so hashing runs concurrently.
 */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    Pbkdf2PasswordHash hash;

    @Inject
    @ConfigProperty(name = "pulse.accounts.pbkdf2-iterations", defaultValue = "210000")
    int iterations;

    @PostConstruct
    void configure() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        dummy = hash(java.util.UUID.randomUUID().toString());
    }

    /** A hash no password matches, with today's parameters: what a login for an unknown user is checked against. */
    private String dummy;

    /**
     * Costs what verifying a real account's password costs, and matches nothing: a login for a
     * name that has no account spends the same time as a wrong password for one that has, so the
     * response time does not tell which usernames exist.
     */
    public void verifyAgainstDummy(String password) {
        hash.verify(password.toCharArray(), dummy);
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    public boolean matches(String password, String stored) {
        return hash.verify(password.toCharArray(), stored);
    }
}
