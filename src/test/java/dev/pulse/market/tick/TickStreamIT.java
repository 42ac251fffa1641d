package dev.pulse.market.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /ws/tick/ (seed 000) over real sockets; the test environment ticks every 200 ms (pom.xml). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TickStreamIT {

    @ArquillianResource
    URL base;

    private static String uniqueId() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private WsClient connect(String clientId) {
        WsClient client = WsClient.connect(base, "ws/tick/?client_id=" + clientId);
        JsonObject connected = client.nextJson();
        assertEquals("connected", connected.getString("event"));
        assertEquals(clientId, connected.getString("client_id"));
        return client;
    }

    private static JsonObject next(WsClient client, String event) {
        return client.nextJson(frame -> event.equals(frame.getString("event")));
    }

    @Test
    void theSeedsClientSnippetWorksUnchanged() {
        // ws://host/ws/tick/?client_id=123 then subscribe_ticks + show_trade_results, as in seed 000's README
        try (WsClient client = WsClient.connect(base, "ws/tick/?client_id=1")) {
            assertEquals("1", client.nextJson().getString("client_id"));
            client.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"SYMBOL_XYZ\"}");
            client.send("{\"event\":\"show_trade_results\"}");
            JsonObject tick = next(client, "tick_update");
            assertEquals("SYMBOL_XYZ", tick.getString("symbol"));
            assertTrue(tick.getJsonNumber("price").doubleValue() > 0);
            JsonObject trade = next(client, "trade_update").getJsonObject("data");
            assertTrue(Set.of("CALL", "PUT").contains(trade.getString("contract")), trade.toString());
            assertTrue(Set.of("Won", "Lost").contains(trade.getString("status")), trade.toString());
            // Seed 000: a won trade pays stake x payout (10 x 0.32), a lost one costs the stake.
            assertEquals("Won".equals(trade.getString("status")) ? 3.20 : -10.00, trade.getJsonNumber("profit").doubleValue(), 1e-9,
                    trade.toString());
            client.send("{\"event\":\"stop_all\"}");
            client.nextJson("\"stopped\" reply to stop_all", IN_FLIGHT, frame -> "stopped".equals(frame.getString("event")));
        }
    }

    @Test
    void ticksAndCandlesStreamForASubscribedSymbol() {
        try (WsClient client = connect(uniqueId())) {
            client.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"SYMBOL_XYZ\"}");
            JsonObject ack = next(client, "subscribed");
            assertEquals("SYMBOL_XYZ", ack.getString("symbol"));
            long previous = -1;
            for (int i = 0; i < 3; i++) {
                JsonObject tick = next(client, "tick_update");
                assertEquals("SYMBOL_XYZ", tick.getString("symbol"));
                assertTrue(tick.getJsonNumber("tick").longValue() > previous, "ticks advance");
                previous = tick.getJsonNumber("tick").longValue();
                JsonObject candleUpdate = next(client, "candle_update");
                assertEquals("SYMBOL_XYZ", candleUpdate.getString("symbol"));
                JsonObject candle = candleUpdate.getJsonObject("candle");
                BigDecimal high = candle.getJsonNumber("high").bigDecimalValue();
                BigDecimal low = candle.getJsonNumber("low").bigDecimalValue();
                for (String field : List.of("open", "close")) {
                    BigDecimal value = candle.getJsonNumber(field).bigDecimalValue();
                    assertTrue(value.compareTo(low) >= 0 && value.compareTo(high) <= 0, candle.toString());
                }
                assertEquals(0, candle.getJsonNumber("close").bigDecimalValue().compareTo(tick.getJsonNumber("price").bigDecimalValue()),
                        "the candle closes at the latest tick");
                assertEquals(0, candle.getJsonNumber("epoch").longValue() % candle.getInt("interval"));
            }
        }
    }

    @Test
    void tradesAreResolvedAgainstTheStreamedTickPath() {
        try (WsClient client = connect(uniqueId())) {
            client.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"SYMBOL_XYZ\"}");
            next(client, "subscribed");
            client.send("{\"event\":\"show_trade_results\"}");
            Map<Long, BigDecimal> path = new HashMap<>();
            int trades = 0;
            while (trades < 4) {
                JsonObject frame = client.nextJson();
                switch (frame.getString("event")) {
                    case "tick_update" -> path.put(frame.getJsonNumber("tick").longValue(), frame.getJsonNumber("price").bigDecimalValue());
                    case "trade_update" -> {
                        trades++;
                        JsonObject trade = frame.getJsonObject("data");
                        BigDecimal entry = trade.getJsonNumber("entry_price").bigDecimalValue();
                        BigDecimal exit = trade.getJsonNumber("exit_price").bigDecimalValue();
                        long entryTick = trade.getJsonNumber("entry_tick").longValue();
                        long exitTick = trade.getJsonNumber("exit_tick").longValue();
                        assertEquals(0, path.get(exitTick).compareTo(exit), "exit is the streamed tick " + exitTick);
                        if (path.containsKey(entryTick)) {
                            assertEquals(0, path.get(entryTick).compareTo(entry), "entry is the streamed tick " + entryTick);
                        }
                        int move = exit.compareTo(entry);
                        boolean won = "CALL".equals(trade.getString("contract")) ? move > 0 : move < 0;
                        assertEquals(won ? "Won" : "Lost", trade.getString("status"), trade.toString());
                        assertEquals(won ? 3.20 : -10.00, trade.getJsonNumber("profit").doubleValue(), 1e-9, trade.toString());
                        assertEquals("SYMBOL_XYZ", trade.getString("symbol"));
                    }
                    default -> { }
                }
            }
        }
    }

    /**
     * Frames a stream may put ahead of a reply: what one tick cycle (tick, candle, trade) already
     * queued when the request arrived. A reply later than that means the request was not handled.
     */
    private static final int IN_FLIGHT = 6;

    @Test
    void stopAllCancelsEveryStream() {
        String id = uniqueId();
        try (WsClient client = connect(id); WsClient clock = connect(uniqueId())) {
            client.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"SYMBOL_XYZ\"}");
            client.send("{\"event\":\"show_trade_results\"}");
            next(client, "trade_update");
            client.send("{\"event\":\"stop_all\"}");
            client.nextJson("\"stopped\" reply to stop_all", IN_FLIGHT, frame -> "stopped".equals(frame.getString("event")));

            assertNoTicksAfterStop(client, clock);
        }
    }

    @Test
    void disconnectCancelsTheClientsStreams() {
        String id = uniqueId();
        try (WsClient clock = connect(uniqueId())) {
            try (WsClient first = connect(id)) {
                first.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"SYMBOL_XYZ\"}");
                next(first, "tick_update");
            }
            // The same client id reconnecting starts with nothing streaming.
            WsClient.eventually(() -> {
                try (WsClient again = connect(id)) {
                    assertNoTicksAfterStop(again, clock);
                }
            });
        }
    }

    /**
     * Uses a second client on the same symbol as a clock: once it saw three more ticks of the shared
     * path, any tick for {@code stopped} would have been queued, except one already in flight at the
     * stop. Then a barrier: a request {@code stopped} must answer, whose reply is the next frame
     * after at most that one tick cycle. The clock itself is the positive control (ticks do flow).
     */
    private static void assertNoTicksAfterStop(WsClient stopped, WsClient clock) {
        clock.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"SYMBOL_XYZ\"}");
        long first = next(clock, "tick_update").getJsonNumber("tick").longValue();
        long last = first;
        while (last < first + 3) {
            last = next(clock, "tick_update").getJsonNumber("tick").longValue();
        }
        clock.send("{\"event\":\"stop_all\"}");
        clock.nextJson("\"stopped\" reply to the clock's stop_all", IN_FLIGHT, frame -> "stopped".equals(frame.getString("event")));

        stopped.send("{\"event\":\"barrier\"}");
        JsonObject barrier = stopped.nextJson("reply to the barrier after the stop", IN_FLIGHT, frame -> {
            if (frame.getString("event").equals("tick_update")) {
                assertTrue(frame.getJsonNumber("tick").longValue() <= first, "tick after stop: " + frame);
            }
            return frame.getString("event").equals("error");
        });
        assertEquals("Unknown event: barrier", barrier.getString("message"));
    }

    @Test
    void withoutAClientIdOneIsAssigned() {
        try (WsClient client = WsClient.connect(base, "ws/tick/")) {
            JsonObject connected = client.nextJson();
            assertEquals("connected", connected.getString("event"));
            assertTrue(connected.getString("client_id").startsWith("anon-"), connected.toString());
            client.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"SYMBOL_XYZ\"}");
            next(client, "tick_update");
        }
    }

    @Test
    void anInvalidClientIdIsRefusedWith1008() {
        try (WsClient client = WsClient.connect(base, "ws/tick/?client_id=bad%20id%3Cscript%3E")) {
            assertEquals(1008, client.awaitClose());
        }
    }

    @Test
    void badInputGetsAnErrorEventAndTheSocketStaysUsable() {
        try (WsClient client = connect(uniqueId())) {
            client.send("{\"event\": ");
            JsonObject malformed = next(client, "error");
            assertTrue(malformed.getString("message").startsWith("Malformed JSON"), malformed.toString());

            client.send("{\"symbol\":\"SYMBOL_XYZ\"}");
            assertEquals("Expected a string \"event\" field", next(client, "error").getString("message"));

            client.send("{\"event\":\"subscribe_ticks\"}");
            assertEquals("Expected a string \"symbol\" field", next(client, "error").getString("message"));

            client.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"NOPE_" + System.nanoTime() % 100000 + "\"}");
            assertTrue(next(client, "error").getString("message").startsWith("Unknown symbol: NOPE_"));

            client.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"<b>\"}");
            assertFalse(next(client, "error").getString("message").isBlank());

            client.send("{\"event\":\"fly\"}");
            assertEquals("Unknown event: fly", next(client, "error").getString("message"));

            client.send("{\"event\":\"unsubscribe_ticks\",\"symbol\":\"AAPL\"}");
            assertEquals("Not subscribed to AAPL", next(client, "error").getString("message"));

            client.send("{\"event\":\"subscribe_ticks\",\"symbol\":\"aapl\"}");
            assertEquals("AAPL", next(client, "subscribed").getString("symbol"));
            assertEquals("AAPL", next(client, "tick_update").getString("symbol"));
            client.send("{\"event\":\"unsubscribe_ticks\",\"symbol\":\"AAPL\"}");
            assertEquals("AAPL", next(client, "unsubscribed").getString("symbol"));
        }
    }
}
