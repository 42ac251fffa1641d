package dev.pulse.notification;

import dev.pulse.realtime.ChannelSockets;
import dev.pulse.realtime.GroupsAtHandshake;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import java.security.Principal;
import java.util.List;

/** {@code ws://host/ws/notifications/}: the {@link NotificationChannel}. */
@ServerEndpoint(value = "/ws/notifications/", configurator = NotificationEndpoint.InUserGroup.class)
public class NotificationEndpoint {

    /** In the user's group before the client sees the socket open, so no change is missed in between. */
    public static class InUserGroup extends GroupsAtHandshake {
        @Override
        protected List<String> groups(HandshakeRequest request) {
            Principal user = request.getUserPrincipal();
            return user == null ? List.of() : List.of(UnseenCountPush.groupOf(user.getName()));
        }
    }

    @Inject
    ChannelSockets sockets;

    @Inject
    NotificationChannel channel;

    @OnOpen
    public void open(Session session) {
        sockets.open(session, channel);
    }

    @OnMessage
    public void message(String text, Session session) {
        sockets.message(session, channel, text);
    }

    @OnClose
    public void close(Session session) {
        sockets.close(session, channel);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        sockets.error(session, channel, failure);
    }
}
