package dev.pulse.chat;

import dev.pulse.realtime.ChannelSockets;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Map;

/** {@code ws://host/ws/rooms/{room}/[?after=<id>]}: a chat room, the {@link RoomChannel}. */
@ServerEndpoint(value = "/ws/rooms/{room}/", configurator = SharedEndpoints.class)
public class RoomEndpoint {

    @Inject
    ChannelSockets sockets;

    @Inject
    RoomChannel channel;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        sockets.open(session, channel, Map.of("room", room));
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
