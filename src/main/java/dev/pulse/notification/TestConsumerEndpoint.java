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
import java.util.List;

/** {@code ws://host/ws/test/}: joins {@code test_consumer_group}; any frame is acknowledged ({@link TestConsumerGroup}). */
@ServerEndpoint(value = "/ws/test/", configurator = TestConsumerEndpoint.InGroup.class)
public class TestConsumerEndpoint {

    /** In the group before the client sees the socket open: a burst started at once reaches it whole. */
    public static class InGroup extends GroupsAtHandshake {
        @Override
        protected List<String> groups(HandshakeRequest request) {
            return List.of(TestConsumerGroup.NAME);
        }
    }

    @Inject
    ChannelSockets sockets;

    @Inject
    TestConsumerGroup channel;

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
