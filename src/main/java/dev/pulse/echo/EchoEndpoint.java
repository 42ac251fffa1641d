package dev.pulse.echo;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code ws://host/ws/chat/}: {@code {"message":"Hello Django"}} is answered with {@code You said: Hello Django}. */
@ServerEndpoint(value = "/ws/chat/", configurator = SharedEndpoints.class)
public class EchoEndpoint {

    private static final Logger LOG = Logger.getLogger(EchoEndpoint.class.getName());

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @Inject
    Echo echo;

    @OnOpen
    public void open(Session session) {
        hub.open(session);
    }

    @OnMessage
    public void message(String text, Session session) {
        Connection connection = Hub.connectionOf(session);
        if (connection.isClosed()) {
            return;
        }
        try {
            connection.send(echo.reply(messageOf(codec.parseObject(text))));
        } catch (MalformedMessageException e) {
            connection.send(codec.encode(new EchoError(e.getMessage())));
        }
    }

    private static String messageOf(JsonObject frame) throws MalformedMessageException {
        JsonValue message = frame.get("message");
        if (message == null || message.getValueType() != JsonValue.ValueType.STRING) {
            throw new MalformedMessageException("Expected {\"message\": \"<text>\"}");
        }
        return ((JsonString) message).getString();
    }

    @OnClose
    public void close(Session session) {
        hub.close(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "echo socket " + session.getId() + " failed", failure);
    }
}
