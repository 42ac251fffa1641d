package dev.pulse.notification;

import dev.pulse.realtime.Hub;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code ws://host/ws/test/}: joins {@code test_consumer_group}; any frame is acknowledged. */
@ServerEndpoint(value = "/ws/test/", configurator = SharedEndpoints.class)
public class TestConsumerEndpoint {

    private static final Logger LOG = Logger.getLogger(TestConsumerEndpoint.class.getName());

    @Inject
    Hub hub;

    @Inject
    TestConsumerGroup group;

    @OnOpen
    public void open(Session session) {
        group.join(hub.open(session));
    }

    @OnMessage
    public void message(String text, Session session) {
        group.acknowledge(Hub.connectionOf(session));
    }

    @OnClose
    public void close(Session session) {
        hub.close(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "test socket " + session.getId() + " failed", failure);
    }
}
