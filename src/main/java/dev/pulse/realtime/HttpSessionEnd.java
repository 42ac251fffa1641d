package dev.pulse.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.logging.Logger;

/**
 * An HTTP session that ends for its user ends the sockets bound to it, on every instance, with
 * 1008 "Session ended" (clients do not retry): Pulse invalidated it ({@link #invalidate}: logout,
 * a new login, a password change elsewhere), it expired (idle past its maximum inactive
 * interval), or its id changed at a new login (the caller may now be someone else).
 *
 * <p>A session the container destroys for any other reason, in practice because the server is
 * stopping, leaves its sockets alone: the instance closes them itself with 1012 Service Restart
 * ({@link Hub#drain}), so their clients reconnect elsewhere instead of giving up. (Payara expires
 * every session as the application stops, before the application's beans are destroyed.)
 */
@WebListener
public class HttpSessionEnd implements HttpSessionListener, HttpSessionIdListener {

    private static final Logger LOG = Logger.getLogger(HttpSessionEnd.class.getName());

    /** Set on a session Pulse itself ends, just before it invalidates it. */
    private static final String ENDED_BY_PULSE = HttpSessionEnd.class.getName() + ".ended";

    @Inject
    SessionRegistry sessions;

    /** Ends a session for its user (its sockets close 1008): use this, not {@code session.invalidate()}. */
    public static void invalidate(HttpSession session) {
        session.setAttribute(ENDED_BY_PULSE, Boolean.TRUE);
        session.invalidate();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession session = event.getSession();
        if (endedForItsUser(session)) {
            sessions.end(session.getId());
        } else {
            LOG.fine(() -> "session " + session.getId() + " destroyed by the container (stopping?): its sockets close with the instance");
        }
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sessions.end(oldSessionId);
    }

    static boolean endedForItsUser(HttpSession session) {
        try {
            if (session.getAttribute(ENDED_BY_PULSE) != null) {
                return true;
            }
            int maxIdleSeconds = session.getMaxInactiveInterval();
            return maxIdleSeconds > 0 && System.currentTimeMillis() - session.getLastAccessedTime() >= maxIdleSeconds * 1000L;
        } catch (IllegalStateException invalidated) {
            // No longer readable: invalidated by someone, as good as ended.
            return true;
        }
    }
}
