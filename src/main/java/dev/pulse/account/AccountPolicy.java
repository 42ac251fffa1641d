package dev.pulse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What a username and a password must look like; the limits are configuration. */
@ApplicationScoped
public class AccountPolicy {

    /** Letters, digits and {@code . _ -}: safe in URLs, room names and log lines. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]+");

    @Inject
    @ConfigProperty(name = "pulse.accounts.username-min-length", defaultValue = "3")
    int usernameMin;

    @Inject
    @ConfigProperty(name = "pulse.accounts.username-max-length", defaultValue = "32")
    int usernameMax;

    @Inject
    PasswordPolicy passwords;

    public void check(String username, String password) throws RegistrationException {
        if (username == null || username.length() < usernameMin || username.length() > Math.min(usernameMax, 32)) {
            throw invalid("Username must be " + usernameMin + " to " + Math.min(usernameMax, 32) + " characters");
        }
        if (!USERNAME.matcher(username).matches()) {
            throw invalid("Username may contain only letters, digits, '.', '_' and '-'");
        }
        Optional<String> refusal = passwords.refusal(username, password);
        if (refusal.isPresent()) {
            throw invalid(refusal.get());
        }
    }

    public boolean plausibleUsername(String username) {
        return username != null && username.length() <= 32 && USERNAME.matcher(username).matches();
    }

    private static RegistrationException invalid(String message) {
        return new RegistrationException(RegistrationException.Reason.INVALID, message);
    }
}
