package dev.pulse.market.live;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
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

/** {@code ws://host/ws/realtime/}: live asset prices and portfolio values (seed 001). */
@ServerEndpoint(value = "/ws/realtime/", configurator = SharedEndpoints.class)
public class MarketEndpoint {

    private static final Logger LOG = Logger.getLogger(MarketEndpoint.class.getName());

    @Inject
    Hub hub;

    @Inject
    MarketChannel channel;

    @OnOpen
    public void open(Session session) {
        Connection connection = hub.open(session);
        boolean admitted;
        try {
            admitted = channel.open(connection);
        } catch (RuntimeException e) {
            // The database or the cluster is down: a socket not set up would stay silent. Close it; the client retries.
            LOG.warning(() -> "realtime socket " + connection + " not set up: " + e);
            hub.refuse(session, CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Try again later");
            return;
        }
        if (!admitted) {
            hub.refuse(session, CloseReason.CloseCodes.VIOLATED_POLICY, "Too many connections for this user");
        }
    }

    @OnMessage
    public void message(String text, Session session) {
        Connection connection = Hub.connectionOf(session);
        if (!connection.isClosed()) {
            channel.receive(connection, text);
        }
    }

    @OnClose
    public void close(Session session) {
        try {
            channel.close(Hub.connectionOf(session));
        } catch (IllegalStateException neverOpened) {
            // the socket failed before the hub registered it: nothing to release
        }
        hub.close(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "realtime socket " + session.getId() + " failed", failure);
    }
}
