package dev.pulse.account;

import dev.pulse.realtime.ChannelSockets;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /ws/accounts/me/}: which user a socket runs as ({@link WhoAmIChannel}). Lets clients
 * check a session cookie before opening feature sockets.
 */
@ServerEndpoint(value = "/ws/accounts/me/", configurator = SharedEndpoints.class)
public class WhoAmIEndpoint {

    @Inject
    ChannelSockets sockets;

    @Inject
    WhoAmIChannel channel;

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
