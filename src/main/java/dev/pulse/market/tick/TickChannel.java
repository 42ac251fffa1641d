package dev.pulse.market.tick;

import dev.pulse.realtime.Channel;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.FrameDecoder;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The /ws/tick/ protocol (seed 000). {@code ?client_id=ID}: without one the server makes one up
 * and says so in the {@code connected} frame; a client_id that is not 1-64 letters, digits, '-' or
 * '_' is refused with close code 1008. Frames are {@code {"event": ...}}, with a {@code symbol}
 * for the tick subscriptions; errors are {@link TickMessages.Error} frames.
 */
@ApplicationScoped
public class TickChannel implements Channel<JsonObject> {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9_.-]{1,20}");
    private static final String CLIENT = "tick.client-id";

    /** Every frame: its event. */
    record Request(@NotNull(message = "Expected a string \"event\" field") String event) {
    }

    /** The tick subscriptions' frames: their symbol too. */
    record Symbol(@NotNull(message = "Expected a string \"symbol\" field") String symbol) {

        @AssertTrue(message = "symbol must be 1-20 of [A-Z0-9_.-]")
        boolean isWellFormed() {
            return symbol == null || SYMBOL.matcher(normalized()).matches();
        }

        String normalized() {
            return symbol.strip().toUpperCase();
        }
    }

    @Inject
    JsonCodec codec;

    @Inject
    FrameDecoder decoder;

    @Inject
    TickStreams streams;

    @Override
    public Optional<Refusal> join(Connection connection, Joining joining) {
        String id = joining.query("client_id");
        String clientId = id == null || id.isEmpty() ? "anon-" + UUID.randomUUID().toString().substring(0, 8) : id;
        if (!CLIENT_ID.matcher(clientId).matches()) {
            return Optional.of(Refusal.policy("client_id must be 1-64 of [A-Za-z0-9_-]"));
        }
        connection.attributes().put(CLIENT, clientId);
        streams.join(connection, clientId);
        connection.send(codec.encode(new TickMessages.Connected(clientId)));
        return Optional.empty();
    }

    /** The frame is parsed strictly only: its event is bound first, the symbol only for the events that take one. */
    @Override
    public void handle(Connection connection, JsonObject frame) throws MalformedMessageException {
        String clientId = (String) connection.attributes().get(CLIENT);
        if (clientId == null) {
            return;
        }
        String event = decoder.bind(frame, Request.class, "").event();
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
    }

    /** Any other failure (logged by the core). */
    @Override
    public String failed(Connection connection) {
        return codec.encode(new TickMessages.Error("The server could not handle this message"));
    }

    /** A field of the wrong type is told as a missing one: {@code Expected a string "symbol" field}. */
    @Override
    public String error(Connection connection, MalformedMessageException problem) {
        String text = problem.kind() == MalformedMessageException.Kind.WRONG_TYPE
                ? "Expected a string \"" + problem.property() + "\" field" : problem.getMessage();
        return codec.encode(new TickMessages.Error(text));
    }

    @Override
    public void leave(Connection connection) {
        String clientId = (String) connection.attributes().get(CLIENT);
        if (clientId != null) {
            streams.leave(connection, clientId);
        }
    }

    private String symbol(JsonObject frame) throws MalformedMessageException {
        return decoder.bind(frame, Symbol.class, "").normalized();
    }

    private void reply(Connection connection, Optional<String> refusal, Object acknowledgement) {
        send(connection, refusal.<Object>map(TickMessages.Error::new).orElse(acknowledgement));
    }

    private void send(Connection connection, Object message) {
        connection.send(codec.encode(message));
    }
}
