package dev.pulse.chat;

import dev.pulse.realtime.ChannelSockets;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Map;

/** {@code ws://host/ws/room-list/}: a user's rooms with live counts, the {@link RoomListChannel}. */
@ServerEndpoint(value = "/ws/room-list/", configurator = SharedEndpoints.class)
public class RoomListEndpoint {

    @Inject
    ChannelSockets sockets;

    @Inject
    RoomListChannel channel;

    @OnOpen
    public void open(Session session) {
        sockets.open(session, channel, Map.of());
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
