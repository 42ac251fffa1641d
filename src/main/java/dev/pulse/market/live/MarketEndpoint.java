package dev.pulse.market.live;

import dev.pulse.realtime.ChannelSockets;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code ws://host/ws/realtime/}: live asset prices and portfolio values (seed 001), the {@link MarketChannel}. */
@ServerEndpoint(value = "/ws/realtime/", configurator = SharedEndpoints.class)
public class MarketEndpoint {

    @Inject
    ChannelSockets sockets;

    @Inject
    MarketChannel channel;

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
