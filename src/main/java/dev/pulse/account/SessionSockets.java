package dev.pulse.account;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Ties authenticated sockets to the HTTP session that opened them: a socket runs as its
 * handshake's user for as long as it lives, so when that session ends (logout, expiry, or a new
 * login in the same browser) its sockets must end too, or a logged-out browser tab would keep
 * receiving a user's private messages. Closes with 1008 so clients do not reconnect blindly.
 * It also knows each user's logged-in sessions, so a password change can end the others.
 * Local to this instance: HTTP sessions are not shared across instances here.
 */
@ApplicationScoped
public class SessionSockets {

    private static final Logger LOG = Logger.getLogger(SessionSockets.class.getName());
    static final String SESSION_ID = SessionSockets.class.getName() + ".sessionId";
    public static final String ENDED = "Session ended";

    @Inject
    Hub hub;

    /** username -> session id -> session, for sessions logged in on this instance. */
    private final Map<String, Map<String, HttpSession>> sessionsByUser = new ConcurrentHashMap<>();
    private final Map<String, String> userBySession = new ConcurrentHashMap<>();

    /** A login succeeded in {@code session}. */
    public void loggedIn(String username, HttpSession session) {
        sessionsByUser.computeIfAbsent(username, u -> new ConcurrentHashMap<>()).put(session.getId(), session);
        userBySession.put(session.getId(), username);
    }

    /** Invalidates every other logged-in session of {@code username} (their sockets close with them). */
    public int endOtherSessions(String username, String keepSessionId) {
        Map<String, HttpSession> sessions = sessionsByUser.getOrDefault(username, Map.of());
        int ended = 0;
        for (HttpSession session : List.copyOf(sessions.values())) {
            if (!session.getId().equals(keepSessionId)) {
                try {
                    session.invalidate();
                    ended++;
                } catch (IllegalStateException alreadyInvalid) {
                    ended(session.getId());
                }
            }
        }
        return ended;
    }

    /** Call in {@code @OnOpen} after {@code Hub.open}, for endpoints configured with {@link HttpSessionCapture}. */
    public void bind(Connection connection, Session session) {
        Object id = session.getUserProperties().get(HttpSessionCapture.SESSION_ID);
        if (id != null && connection.user() != null) {
            connection.attributes().put(SESSION_ID, id);
        }
    }

    /** Closes every socket opened with the session {@code sessionId}. */
    public void ended(String sessionId) {
        String user = userBySession.remove(sessionId);
        if (user != null) {
            sessionsByUser.computeIfPresent(user, (u, sessions) -> {
                sessions.remove(sessionId);
                return sessions.isEmpty() ? null : sessions;
            });
        }
        int closed = 0;
        for (Connection connection : hub.connections()) {
            if (sessionId.equals(connection.attributes().get(SESSION_ID))) {
                connection.close(CloseCodes.VIOLATED_POLICY.getCode(), ENDED);
                closed++;
            }
        }
        if (closed > 0) {
            int count = closed;
            LOG.fine(() -> "session ended: closed " + count + " socket(s)");
        }
    }
}
