package dev.pulse.notification;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.GroupsAtHandshake;
import dev.pulse.realtime.Hub;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code ws://host/ws/test/}: joins {@code test_consumer_group}; any frame is acknowledged. */
@ServerEndpoint(value = "/ws/test/", configurator = TestConsumerEndpoint.InGroup.class)
public class TestConsumerEndpoint {

    private static final Logger LOG = Logger.getLogger(TestConsumerEndpoint.class.getName());

    /** In the group before the client sees the socket open: a burst started at once reaches it whole. */
    public static class InGroup extends GroupsAtHandshake {
        @Override
        protected List<String> groups(HandshakeRequest request) {
            return List.of(TestConsumerGroup.NAME);
        }
    }

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
        Connection connection = Hub.connectionOf(session);
        if (!connection.isClosed()) {
            group.acknowledge(connection);
        }
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
