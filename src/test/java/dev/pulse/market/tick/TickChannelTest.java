package dev.pulse.market.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.FakeSocket;
import dev.pulse.realtime.HubHarness;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 000's /ws/tick/ protocol without the tick simulator: client ids, acknowledgements, errors. */
class TickChannelTest {

    private HubHarness harness;
    private TickChannel channel;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        harness = HubHarness.start();
        channel = new TickChannel();
        channel.codec = harness.codec();
        channel.decoder = harness.decoder();
        channel.streams = new TickStreams() {
            @Override
            public void join(Connection connection, String clientId) {
                calls.add("join " + clientId);
            }

            @Override
            public void leave(Connection connection, String clientId) {
                calls.add("leave " + clientId);
            }

            @Override
            public Optional<String> subscribeTicks(String clientId, String symbol) {
                calls.add("subscribe " + symbol);
                return Optional.empty();
            }
        };
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private FakeSocket open(FakeSocket socket) {
        harness.sockets().open(socket.session(), channel);
        return socket;
    }

    @Test
    void greetsWithTheClientIdOrAMadeUpOne() {
        FakeSocket named = open(FakeSocket.open().query("client_id", "c-1"));
        assertEquals("connected", json(named.nextFrame()).getString("event"));
        FakeSocket anonymous = open(FakeSocket.open());
        assertEquals(true, json(anonymous.nextFrame()).getString("client_id").startsWith("anon-"));
        assertEquals("join c-1", calls.get(0));
    }

    @Test
    void refusesABadClientIdWith1008() {
        FakeSocket socket = open(FakeSocket.open().query("client_id", "no spaces"));
        assertEquals(1008, socket.awaitClose());
        assertEquals("client_id must be 1-64 of [A-Za-z0-9_-]", socket.closeReason());
        harness.sockets().close(socket.session(), channel);
        assertEquals(List.of(), calls);
    }

    @Test
    void subscribesWithANormalizedSymbol() {
        FakeSocket socket = open(FakeSocket.open().query("client_id", "c-1"));
        socket.nextFrame();
        send(socket, "{\"event\":\"subscribe_ticks\",\"symbol\":\" aapl \"}");
        JsonObject ack = json(socket.nextFrame());
        assertEquals("subscribed", ack.getString("event"));
        assertEquals("AAPL", ack.getString("symbol"));
    }

    @Test
    void badFramesAreErrorFramesAndTheSocketStaysOpen() {
        FakeSocket socket = open(FakeSocket.open().query("client_id", "c-1"));
        socket.nextFrame();
        assertError(socket, "{\"event\": 5}", "Expected a string \"event\" field");
        assertError(socket, "{}", "Expected a string \"event\" field");
        assertError(socket, "[]", "Expected a JSON object, got array");
        assertError(socket, "{\"event\":\"subscribe_ticks\"}", "Expected a string \"symbol\" field");
        assertError(socket, "{\"event\":\"subscribe_ticks\",\"symbol\":5}", "Expected a string \"symbol\" field");
        assertError(socket, "{\"event\":\"unsubscribe_ticks\",\"symbol\":\"$$\"}", "symbol must be 1-20 of [A-Z0-9_.-]");
        // The symbol is read only by the events that take one.
        assertError(socket, "{\"event\":\"dance\",\"symbol\":5}", "Unknown event: dance");
        assertFalse(socket.isClosed());
    }

    @Test
    void leavesOnClose() {
        FakeSocket socket = open(FakeSocket.open().query("client_id", "c-1"));
        harness.sockets().close(socket.session(), channel);
        assertEquals(List.of("join c-1", "leave c-1"), calls);
    }

    private void send(FakeSocket socket, String text) {
        harness.sockets().message(socket.session(), channel, text);
    }

    private void assertError(FakeSocket socket, String text, String message) {
        send(socket, text);
        JsonObject frame = json(socket.nextFrame());
        assertEquals("error", frame.getString("event"), frame.toString());
        assertEquals(message, frame.getString("message"), text);
    }

    private static JsonObject json(String frame) {
        return Json.createReader(new StringReader(frame)).readObject();
    }
}
