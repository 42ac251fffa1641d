package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which destroyed sessions end their sockets with 1008: those Pulse invalidated and those that
 * expired; not those the container destroys as the server stops (their sockets get 1012 instead).
 */
class HttpSessionEndTest {

    private static HttpSession session(long lastAccessedMillisAgo, int maxInactiveSeconds, boolean invalid) {
        Map<String, Object> attributes = new HashMap<>();
        long lastAccessed = System.currentTimeMillis() - lastAccessedMillisAgo;
        return (HttpSession) Proxy.newProxyInstance(HttpSessionEndTest.class.getClassLoader(), new Class<?>[] {HttpSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> {
                        if (invalid) {
                            throw new IllegalStateException("invalidated");
                        }
                        yield attributes.get((String) args[0]);
                    }
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "invalidate" -> null;
                    case "getLastAccessedTime" -> lastAccessed;
                    case "getMaxInactiveInterval" -> maxInactiveSeconds;
                    case "getId" -> "s1";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aSessionPulseEndedOrThatExpiredEndsItsSockets() {
        HttpSession loggedOut = session(0, 3600, false);
        HttpSessionEnd.invalidate(loggedOut);
        assertTrue(HttpSessionEnd.endedForItsUser(loggedOut));
        assertTrue(HttpSessionEnd.endedForItsUser(session(3_601_000, 3600, false)), "idle past its timeout");
        assertTrue(HttpSessionEnd.endedForItsUser(session(0, 3600, true)), "no longer readable");
    }

    @Test
    void aSessionTheContainerDestroysWhileStoppingLeavesItsSocketsToTheDrain() {
        assertFalse(HttpSessionEnd.endedForItsUser(session(1_000, 3600, false)));
        assertFalse(HttpSessionEnd.endedForItsUser(session(10_000_000, 0, false)), "a session that never times out did not expire");
    }
}
