package dev.pulse.account;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws/accounts/me/}: tells a client which user its socket runs as ({@code {"username":"..."}}),
 * or closes 1008 when the handshake carried no logged-in session. Lets clients check a session
 * cookie before opening feature sockets.
 */
@ServerEndpoint(value = "/ws/accounts/me/", configurator = SharedEndpoints.class)
public class WhoAmIEndpoint {

    private static final Logger LOG = Logger.getLogger(WhoAmIEndpoint.class.getName());

    public record Identity(String username) {
    }

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @OnOpen
    public void open(Session session) {
        Connection connection = hub.open(session);
        if (connection.user() == null) {
            connection.close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "Authentication required");
            return;
        }
        connection.send(codec.encode(new Identity(connection.user())));
    }

    /** This socket only answers who you are; a frame sent to it is answered, in its dialect, with why nothing happens. */
    @OnMessage
    public void message(String text, Session session) {
        Connection connection = Hub.connectionOf(session);
        if (!connection.isClosed()) {
            connection.send("{\"error\": \"This socket only tells who you are; it takes no messages\"}");
        }
    }

    @OnClose
    public void close(Session session) {
        hub.close(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "whoami socket " + session.getId() + " failed", failure);
    }
}
