package dev.pulse.notification;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ws://host/ws/notifications/}: the logged-in user's unseen count, {@code {"count": N}} on
 * connect and after every change. Anonymous sockets are closed with 1008.
 */
@ServerEndpoint(value = "/ws/notifications/", configurator = SharedEndpoints.class)
public class NotificationEndpoint {

    private static final Logger LOG = Logger.getLogger(NotificationEndpoint.class.getName());

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @Inject
    Notifications notifications;

    @OnOpen
    public void open(Session session) {
        if (session.getUserPrincipal() == null) {
            hub.refuse(session, CloseReason.CloseCodes.VIOLATED_POLICY, "Log in to receive notifications");
            return;
        }
        Connection connection = hub.open(session);
        // Join first, then read: a change committed in between is pushed, never missed.
        hub.join(UnseenCountPush.groupOf(connection.user()), connection);
        connection.send(codec.encode(new UnseenCountPush.UnseenCount(notifications.unseenCount(connection.user()), null)), "unseen");
    }

    @OnMessage
    public void message(String text, Session session) {
        Hub.connectionOf(session).send("{\"error\": \"This socket only pushes; mark notifications seen over HTTP\"}");
    }

    @OnClose
    public void close(Session session) {
        hub.close(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "notification socket " + session.getId() + " failed", failure);
    }
}
