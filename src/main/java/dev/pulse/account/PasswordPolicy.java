package dev.pulse.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.passay.DictionaryRule;
import org.passay.IllegalRegexRule;
import org.passay.LengthRule;
import org.passay.MatchBehavior;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.PropertiesMessageResolver;
import org.passay.RuleResult;
import org.passay.UsernameRule;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.sort.ArraysSort;

/**
 * Which passwords are accepted, in the spirit of NIST SP 800-63B: a length range and no
 * composition rules, but not the username (nor containing it, nor it reversed), not whitespace
 * only, and not one of the commonly used passwords bundled with Pulse
 * ({@code common-passwords.txt}, compared ignoring case). Passay checks the rules; the first
 * refusal's message is the reason the API and the register page show.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final String COMMON_PASSWORDS = "/dev/pulse/account/common-passwords.txt";

    @Inject
    @ConfigProperty(name = "pulse.accounts.password-min-length", defaultValue = "8")
    int minLength;

    @Inject
    @ConfigProperty(name = "pulse.accounts.password-max-length", defaultValue = "128")
    int maxLength;

    private PasswordValidator validator;

    @PostConstruct
    void build() {
        Properties messages = new Properties();
        messages.setProperty(LengthRule.ERROR_CODE_MIN, "Password must be " + minLength + " to " + maxLength + " characters");
        messages.setProperty(LengthRule.ERROR_CODE_MAX, "Password must be " + minLength + " to " + maxLength + " characters");
        messages.setProperty(UsernameRule.ERROR_CODE, "Password must not contain the username");
        messages.setProperty(UsernameRule.ERROR_CODE_REVERSED, "Password must not contain the username reversed");
        messages.setProperty(IllegalRegexRule.ERROR_CODE, "Password must not be only spaces");
        messages.setProperty(DictionaryRule.ERROR_CODE, "Password is too common: choose one that is not on lists of often used passwords");
        validator = new PasswordValidator(new PropertiesMessageResolver(messages), List.of(
                new LengthRule(minLength, maxLength),
                new IllegalRegexRule("^\\s+$"),
                new UsernameRule(true, true, MatchBehavior.Contains),
                new DictionaryRule(new WordListDictionary(new ArrayWordList(commonPasswords(), false, new ArraysSort())))));
    }

    /** The reason {@code password} is refused for {@code username}, or empty when it is accepted. */
    public Optional<String> refusal(String username, String password) {
        if (password == null) {
            return Optional.of("Password must be " + minLength + " to " + maxLength + " characters");
        }
        RuleResult result = validator.validate(new PasswordData(username == null ? "" : username, password));
        if (result.isValid()) {
            return Optional.empty();
        }
        return validator.getMessages(result).stream().findFirst();
    }

    static String[] commonPasswords() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the application");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .distinct()
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
