package dev.pulse.account;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/** Keeps {@link SessionSockets}' record of logged-in sessions current (the core closes their sockets). */
@WebListener
public class SessionEndListener implements HttpSessionListener, HttpSessionIdListener {

    @Inject
    SessionSockets sockets;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sockets.ended(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sockets.ended(oldSessionId);
    }
}
