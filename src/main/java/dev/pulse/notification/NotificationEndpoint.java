package dev.pulse.notification;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.GroupsAtHandshake;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import java.security.Principal;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ws://host/ws/notifications/}: the logged-in user's unseen count, {@code {"count": N}} on
 * connect and after every change. Anonymous sockets are closed with 1008.
 */
@ServerEndpoint(value = "/ws/notifications/", configurator = NotificationEndpoint.InUserGroup.class)
public class NotificationEndpoint {

    private static final Logger LOG = Logger.getLogger(NotificationEndpoint.class.getName());

    /** In the user's group before the client sees the socket open, so no change is missed in between. */
    public static class InUserGroup extends GroupsAtHandshake {
        @Override
        protected List<String> groups(HandshakeRequest request) {
            Principal user = request.getUserPrincipal();
            return user == null ? List.of() : List.of(UnseenCountPush.groupOf(user.getName()));
        }
    }

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
        // Joined at the handshake, read now: a change committed in between is pushed, never missed.
        hub.join(UnseenCountPush.groupOf(connection.user()), connection);
        long unseen;
        try {
            unseen = notifications.unseenCount(connection.user());
        } catch (RuntimeException e) {
            // The database is down: a socket without its count would be silent for good. Close it; the client retries.
            LOG.warning(() -> "notification socket of " + connection.user() + " not set up: " + e);
            hub.refuse(session, CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Try again later");
            return;
        }
        connection.send(codec.encode(new UnseenCountPush.UnseenCount(unseen, null)), "unseen");
    }

    @OnMessage
    public void message(String text, Session session) {
        Connection connection = Hub.connectionOf(session);
        if (!connection.isClosed()) {
            connection.send("{\"error\": \"This socket only pushes; mark notifications seen over HTTP\"}");
        }
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
