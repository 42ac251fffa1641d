package dev.pulse.market.tick;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code ws://host/ws/tick/?client_id=ID} (seed 000). Without a client_id the server makes one up
 * and says so in the {@code connected} frame; a client_id that is not 1-64 letters, digits, '-' or
 * '_' is refused with close code 1008.
 */
@ServerEndpoint(value = "/ws/tick/", configurator = SharedEndpoints.class)
public class TickEndpoint {

    private static final Logger LOG = Logger.getLogger(TickEndpoint.class.getName());
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9_.-]{1,20}");
    private static final String CLIENT = "tick.client-id";

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @Inject
    TickStreams streams;

    @OnOpen
    public void open(Session session) {
        List<String> ids = session.getRequestParameterMap().get("client_id");
        String clientId = ids == null || ids.isEmpty() || ids.get(0).isEmpty()
                ? "anon-" + UUID.randomUUID().toString().substring(0, 8) : ids.get(0);
        if (!CLIENT_ID.matcher(clientId).matches()) {
            hub.refuse(session, CloseReason.CloseCodes.VIOLATED_POLICY, "client_id must be 1-64 of [A-Za-z0-9_-]");
            return;
        }
        Connection connection = hub.open(session);
        connection.attributes().put(CLIENT, clientId);
        streams.join(connection, clientId);
        connection.send(codec.encode(new TickMessages.Connected(clientId)));
    }

    @OnMessage
    public void message(String text, Session session) {
        Connection connection = Hub.connectionOf(session);
        String clientId = (String) connection.attributes().get(CLIENT);
        if (clientId == null || connection.isClosed()) {
            // A refused socket's frames, arriving before its close: dropped quietly.
            return;
        }
        try {
            JsonObject frame = codec.parseObject(text);
            String event = string(frame, "event");
            switch (event) {
                case "subscribe_ticks" -> {
                    String symbol = symbol(frame);
                    reply(connection, streams.subscribeTicks(clientId, symbol), new TickMessages.Ack("subscribed", symbol));
                }
                case "unsubscribe_ticks" -> {
                    String symbol = symbol(frame);
                    if (streams.unsubscribeTicks(clientId, symbol)) {
                        send(connection, new TickMessages.Ack("unsubscribed", symbol));
                    } else {
                        send(connection, new TickMessages.Error("Not subscribed to " + symbol));
                    }
                }
                case "show_trade_results" -> reply(connection, streams.showTradeResults(clientId),
                        new TickMessages.Ack("trade_results_started", null));
                case "stop_all" -> {
                    streams.stopAll(clientId);
                    send(connection, new TickMessages.Ack("stopped", null));
                }
                default -> send(connection, new TickMessages.Error("Unknown event: " + event));
            }
        } catch (MalformedMessageException e) {
            send(connection, new TickMessages.Error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tick frame failed on " + connection, e);
            send(connection, new TickMessages.Error("The server could not handle this message"));
        }
    }

    private void reply(Connection connection, Optional<String> refusal, Object acknowledgement) {
        send(connection, refusal.<Object>map(TickMessages.Error::new).orElse(acknowledgement));
    }

    private void send(Connection connection, Object message) {
        connection.send(codec.encode(message));
    }

    private static String symbol(JsonObject frame) throws MalformedMessageException {
        String symbol = string(frame, "symbol").strip().toUpperCase();
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new MalformedMessageException("symbol must be 1-20 of [A-Z0-9_.-]");
        }
        return symbol;
    }

    private static String string(JsonObject frame, String key) throws MalformedMessageException {
        JsonValue value = frame.get(key);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            throw new MalformedMessageException("Expected a string \"" + key + "\" field");
        }
        return ((JsonString) value).getString();
    }

    @OnClose
    public void close(Session session) {
        Object clientId = session.getUserProperties().isEmpty() ? null : clientIdOf(session);
        if (clientId != null) {
            streams.leave(Hub.connectionOf(session), (String) clientId);
        }
        hub.close(session);
    }

    private static Object clientIdOf(Session session) {
        try {
            return Hub.connectionOf(session).attributes().get(CLIENT);
        } catch (IllegalStateException refused) {
            return null;
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "tick socket " + session.getId() + " failed", failure);
    }
}
