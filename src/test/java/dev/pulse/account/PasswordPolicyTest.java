package dev.pulse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @BeforeEach
    void build() {
        policy.minLength = 8;
        policy.maxLength = 128;
        policy.build();
    }

    @Test
    void lengthNotCompositionDecides() {
        assertEquals(Optional.empty(), policy.refusal("alice", "correct horse battery"));
        assertEquals(Optional.empty(), policy.refusal("alice", "zzzzqqqqwwwwvvvv"));
        assertEquals(Optional.of("Password must be 8 to 128 characters"), policy.refusal("alice", "short"));
        assertEquals(Optional.of("Password must be 8 to 128 characters"), policy.refusal("alice", "x".repeat(129)));
    }

    @Test
    void refusesCommonPasswordsIgnoringCase() {
        String common = "Password is too common: choose one that is not on lists of often used passwords";
        assertEquals(Optional.of(common), policy.refusal("alice", "12345678"));
        assertEquals(Optional.of(common), policy.refusal("alice", "password"));
        assertEquals(Optional.of(common), policy.refusal("alice", "PASSWORD"));
        assertEquals(Optional.of(common), policy.refusal("alice", "qwertyuiop"));
    }

    @Test
    void refusesTheUsernameAndWhitespaceOnly() {
        assertEquals(Optional.of("Password must not contain the username"), policy.refusal("longname1", "longname1"));
        assertEquals(Optional.of("Password must not contain the username"), policy.refusal("longname1", "my LONGNAME1 pass"));
        assertEquals(Optional.of("Password must not contain the username reversed"), policy.refusal("longname1", "1emangnol!!"));
        assertEquals(Optional.of("Password must not be only spaces"), policy.refusal("alice", "        "));
        assertEquals(Optional.of("Password must not be only spaces"), policy.refusal("alice", " \t        "));
    }
}
