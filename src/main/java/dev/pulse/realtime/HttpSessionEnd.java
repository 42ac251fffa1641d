package dev.pulse.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * An HTTP session that is invalidated (logout, password change elsewhere), expires, or whose id
 * changes at a new login (the caller may now be someone else) ends the sockets bound to it, on
 * every instance.
 */
@WebListener
public class HttpSessionEnd implements HttpSessionListener, HttpSessionIdListener {

    @Inject
    SessionRegistry sessions;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.end(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sessions.end(oldSessionId);
    }
}
