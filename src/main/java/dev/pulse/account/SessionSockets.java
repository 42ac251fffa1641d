package dev.pulse.account;

import dev.pulse.realtime.HttpSessionEnd;
import dev.pulse.realtime.SessionRegistry;
import dev.pulse.realtime.UserSessionsEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows each user's logged-in HTTP sessions on this instance, so a password change can end the
 * others everywhere: {@link SessionRegistry} closes their sockets on every instance and tells each
 * instance to invalidate its own sessions of the user. (Binding sockets to sessions is the core's
 * job, for every endpoint.)
 */
@ApplicationScoped
public class SessionSockets {

    @Inject
    SessionRegistry registry;

    /** username -> session id -> session, for sessions logged in on this instance. */
    private final Map<String, Map<String, HttpSession>> sessionsByUser = new ConcurrentHashMap<>();
    private final Map<String, String> userBySession = new ConcurrentHashMap<>();

    /** A login succeeded in {@code session}. */
    public void loggedIn(String username, HttpSession session) {
        sessionsByUser.computeIfAbsent(username, u -> new ConcurrentHashMap<>()).put(session.getId(), session);
        userBySession.put(session.getId(), username);
    }

    /** Ends every other session of {@code username}, on every instance (their sockets close with them). */
    public void endOtherSessions(String username, String keepSessionId) {
        registry.endUserSessions(username, keepSessionId);
    }

    /** On every instance: invalidates the local sessions of the user but the one kept. */
    void invalidate(@Observes UserSessionsEnded event) {
        Map<String, HttpSession> sessions = sessionsByUser.getOrDefault(event.username(), Map.of());
        for (HttpSession session : List.copyOf(sessions.values())) {
            if (!session.getId().equals(event.keepSessionId())) {
                try {
                    HttpSessionEnd.invalidate(session);
                } catch (IllegalStateException alreadyInvalid) {
                    ended(session.getId());
                }
            }
        }
    }

    /** The session {@code sessionId} ended (or changed its id): forget it. */
    public void ended(String sessionId) {
        String user = userBySession.remove(sessionId);
        if (user != null) {
            sessionsByUser.computeIfPresent(user, (u, sessions) -> {
                sessions.remove(sessionId);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }
}
