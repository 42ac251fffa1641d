package dev.pulse.account;

import dev.pulse.realtime.AttemptThrottle;
import dev.pulse.realtime.AttemptThrottle.Admission;
import dev.pulse.realtime.SlidingWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits logins and registrations before any password is hashed: each attempt costs a PBKDF2
 * run (210k iterations), so unthrottled attempts are both a password-guessing and a CPU
 * denial-of-service lever. Logins: failures per username (low: guessing one account) and per
 * client address (high: many users may share an address). A successful login clears the
 * username's failures and gives the address its attempt back. Registrations: attempts per address.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    AttemptThrottle attempts;

    @Inject
    @ConfigProperty(name = "pulse.accounts.login-max-failures", defaultValue = "5")
    int maxFailuresPerUser;

    @Inject
    @ConfigProperty(name = "pulse.accounts.login-max-failures-per-address", defaultValue = "100")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "pulse.accounts.login-window-seconds", defaultValue = "300")
    int loginWindowSeconds;

    @Inject
    @ConfigProperty(name = "pulse.accounts.registrations-per-address", defaultValue = "50")
    int registrationsPerAddress;

    @Inject
    @ConfigProperty(name = "pulse.accounts.registration-window-seconds", defaultValue = "3600")
    int registrationWindowSeconds;

    /** An admitted login attempt; report its outcome with {@link #succeeded} (failures stay counted). */
    public record LoginAttempt(String userKey, Admission user, String addressKey, Admission address) {
    }

    /** Either an admitted attempt or the seconds to wait. */
    public record Verdict(Optional<LoginAttempt> attempt, long retryAfterSeconds) {
        public boolean admitted() {
            return attempt.isPresent();
        }
    }

    public Verdict login(String username, String address) {
        String addressKey = "login-address:" + address;
        Admission byAddress = attempts.admit(addressKey, addressWindow());
        if (!byAddress.admitted()) {
            return new Verdict(Optional.empty(), byAddress.retryAfterSeconds());
        }
        String userKey = "login-user:" + normalized(username);
        Admission byUser = attempts.admit(userKey, userWindow());
        if (!byUser.admitted()) {
            attempts.forgive(addressKey, byAddress, addressWindow());
            return new Verdict(Optional.empty(), byUser.retryAfterSeconds());
        }
        return new Verdict(Optional.of(new LoginAttempt(userKey, byUser, addressKey, byAddress)), 0);
    }

    public void succeeded(LoginAttempt attempt) {
        attempts.reset(attempt.userKey());
        attempts.forgive(attempt.addressKey(), attempt.address(), addressWindow());
    }

    /** Seconds to wait before registering from {@code address}; 0 = admitted (and counted). */
    public long registration(String address) {
        Admission admission = attempts.admit("register-address:" + address, registrationWindow());
        return admission.admitted() ? 0 : admission.retryAfterSeconds();
    }

    /** Case folded and bounded, so neither "Alice" vs "alice" nor a megabyte name escapes or bloats the count. */
    static String normalized(String username) {
        String folded = username.toLowerCase(Locale.ROOT);
        return folded.length() > 64 ? folded.substring(0, 64) : folded;
    }

    private SlidingWindow userWindow() {
        return new SlidingWindow(Math.max(1, maxFailuresPerUser), Math.max(1, loginWindowSeconds) * 1000L);
    }

    private SlidingWindow addressWindow() {
        return new SlidingWindow(Math.max(1, maxFailuresPerAddress), Math.max(1, loginWindowSeconds) * 1000L);
    }

    private SlidingWindow registrationWindow() {
        return new SlidingWindow(Math.max(1, registrationsPerAddress), Math.max(1, registrationWindowSeconds) * 1000L);
    }
}
