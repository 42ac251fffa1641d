package dev.pulse.realtime.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InstanceConnectionLimitTest {

    @Test
    void aUserGetsAtMostTheLimitAndAReleaseMakesRoom() {
        InstanceConnectionLimit limits = new InstanceConnectionLimit(2);
        assertTrue(limits.admit("ann"));
        assertTrue(limits.admit("ann"));
        assertFalse(limits.admit("ann"));
        assertEquals(2, limits.count("ann"));
        assertTrue(limits.admit("bob"), "limits are per user");
        limits.release("ann");
        assertTrue(limits.admit("ann"));
    }

    @Test
    void anonymousClientsAreNotCounted() {
        InstanceConnectionLimit limits = new InstanceConnectionLimit(1);
        for (int i = 0; i < 10; i++) {
            assertTrue(limits.admit(null));
        }
        assertEquals(0, limits.count(null));
    }
}
