package dev.pulse.chat;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ws://host/ws/rooms/{room}/[?after=<id>]}: a chat room. Anonymous, unknown room and
 * private room of others close with 1008; {@code {"body":"..."}} posts a message.
 */
@ServerEndpoint(value = "/ws/rooms/{room}/", configurator = SharedEndpoints.class)
public class RoomEndpoint {

    private static final Logger LOG = Logger.getLogger(RoomEndpoint.class.getName());

    @Inject
    Hub hub;

    @Inject
    ChatRooms rooms;

    @Inject
    RoomSessions sessions;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        Connection connection = hub.open(session);
        if (connection.user() == null) {
            refuse(connection, "Authentication required");
            return;
        }
        OptionalLong after;
        try {
            after = after(session);
        } catch (NumberFormatException e) {
            refuse(connection, "after must be a message id");
            return;
        }
        try {
            RoomAccess access = rooms.access(room, connection.user());
            switch (access.verdict()) {
                case UNKNOWN_ROOM -> refuse(connection, "Unknown room");
                case NOT_A_MEMBER -> refuse(connection, "Not a member of this room");
                case GRANTED -> sessions.join(connection, access, after);
            }
        } catch (RuntimeException e) {
            // The database is down: a socket without its room would stay silent for good. Close it; the client retries.
            LOG.warning(() -> "room socket " + connection + " for " + room + " not set up: " + e);
            connection.close(CloseCodes.UNEXPECTED_CONDITION.getCode(), "Try again later");
        }
    }

    @OnMessage
    public void message(String text, Session session) {
        Connection connection = Hub.connectionOf(session);
        if (!connection.isClosed()) {
            sessions.receive(connection, text);
        }
    }

    @OnClose
    public void close(Session session) {
        try {
            sessions.leave(Hub.connectionOf(session));
        } catch (IllegalStateException notOpened) {
            // the open failed before the hub registered the socket: nothing to leave
        }
        hub.close(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "room socket " + session.getId() + " failed", failure);
    }

    private static OptionalLong after(Session session) {
        List<String> values = session.getRequestParameterMap().get("after");
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return OptionalLong.empty();
        }
        long after = Long.parseLong(values.get(0).trim());
        if (after < 0) {
            throw new NumberFormatException("negative");
        }
        return OptionalLong.of(after);
    }

    private static void refuse(Connection connection, String reason) {
        connection.close(CloseCodes.VIOLATED_POLICY.getCode(), reason);
    }
}
