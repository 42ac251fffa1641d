package dev.pulse.market.tick;

import dev.pulse.realtime.ChannelSockets;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code ws://host/ws/tick/?client_id=ID} (seed 000): the {@link TickChannel}. */
@ServerEndpoint(value = "/ws/tick/", configurator = SharedEndpoints.class)
public class TickEndpoint {

    @Inject
    ChannelSockets sockets;

    @Inject
    TickChannel channel;

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
