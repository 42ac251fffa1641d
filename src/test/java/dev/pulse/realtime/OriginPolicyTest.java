package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private static OriginPolicy policy(String... allowed) {
        OriginPolicy policy = new OriginPolicy();
        policy.allowedOrigins = Optional.of(String.join(",", allowed));
        return policy;
    }

    @Test
    void noOriginIsANonBrowserClientAndAllowed() {
        assertTrue(policy().allows(null, "pulse.example:8080"));
    }

    @Test
    void theSameOriginIsAllowed() {
        assertTrue(policy().allows("http://pulse.example:8080", "pulse.example:8080"));
        assertTrue(policy().allows("https://Pulse.Example", "pulse.example"));
        assertTrue(policy().allows("http://pulse.example", "pulse.example:80"));
    }

    @Test
    void aForeignOriginIsRefusedUnlessListed() {
        assertFalse(policy().allows("https://evil.example", "pulse.example"));
        assertFalse(policy().allows("http://pulse.example:8081", "pulse.example:8080"));
        assertTrue(policy("https://app.example", " http://other.example:9000 ").allows("https://app.example:443", "pulse.example"));
        assertTrue(policy("https://app.example", "http://other.example:9000").allows("http://other.example:9000", "pulse.example"));
        assertFalse(policy("https://app.example").allows("http://app.example", "pulse.example"));
    }

    @Test
    void garbageIsRefused() {
        assertFalse(policy().allows("null", "pulse.example"));
        assertFalse(policy().allows("::::", "pulse.example"));
        assertNull(OriginPolicy.normalize("not an origin"));
        assertEquals("http://a.example:81", OriginPolicy.normalize("HTTP://A.example:81"));
    }
}
