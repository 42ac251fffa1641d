package dev.pulse.market.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.market.Asset;
import dev.pulse.market.AssetCatalog;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.FakeSocket;
import dev.pulse.realtime.HubHarness;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's market socket, the frames that need no database: bad input gets an {@code error}
 * frame (docs/market.md) and the socket stays open. The catalog knows no symbol here; a known
 * symbol's subscription (database, quotes) stays in the integration tests.
 */
class MarketChannelProtocolTest {

    private HubHarness harness;
    private MarketChannel channel;
    private FakeSocket socket;
    private Connection connection;

    @BeforeEach
    void open() {
        harness = HubHarness.start();
        channel = new MarketChannel();
        channel.hub = harness.hub();
        channel.codec = harness.codec();
        channel.decoder = harness.decoder();
        channel.catalog = new AssetCatalog() {
            @Override
            public Optional<Asset> find(String symbol) {
                return Optional.empty();
            }
        };
        socket = FakeSocket.open();
        connection = harness.open(socket);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void subscribingToAnUnknownSymbolIsAnUnknownSymbolErrorAndTheSocketStaysOpen() {
        receive("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"XYZ\"}}");

        JsonObject frame = json(socket.nextFrame());
        assertEquals("error", frame.getString("type"));
        assertEquals("unknown_symbol", frame.getJsonObject("data").getString("code"));
        assertEquals("Unknown asset symbol: XYZ", frame.getJsonObject("data").getString("message"));
        assertTrue(frame.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), frame.toString());
        assertFalse(socket.isClosed());
        assertEquals(0, harness.hub().localGroupSize(MarketGroups.asset("XYZ")));
    }

    @Test
    void pingIsAnsweredWithPongAndBadInputWithItsCode() {
        receive("{\"type\":\"ping\"}");
        JsonObject pong = json(socket.nextFrame());
        assertEquals("pong", pong.getString("type"));
        assertEquals(0, pong.getJsonObject("data").size());

        receive("not json");
        assertEquals("invalid_json", json(socket.nextFrame()).getJsonObject("data").getString("code"));

        receive("{\"data\":{}}");
        assertEquals("missing_field", json(socket.nextFrame()).getJsonObject("data").getString("code"));

        receive("{\"type\":\"dance\"}");
        assertEquals("unknown_type", json(socket.nextFrame()).getJsonObject("data").getString("code"));
        assertFalse(socket.isClosed());
    }

    @Test
    void fieldsAreCheckedInOrderWithTheirCodes() {
        assertError("{\"data\":5}", "missing_field", "type is required");
        assertError("{\"type\":5}", "invalid_message", "type must be a string");
        assertError("{\"type\":\"ping\",\"data\":5}", "invalid_message", "data must be a JSON object");
        assertError("{\"type\":\"subscribe_asset\"}", "missing_field", "data.symbol is required");
        assertError("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":42}}", "invalid_message", "data.symbol must be a string");
        assertError("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"  \"}}", "invalid_message", "data.symbol must be 1 to 20 characters");
        assertError("{\"type\":\"unsubscribe_portfolio\",\"data\":{}}", "missing_field", "data.portfolio_id is required");
        assertError("{\"type\":\"unsubscribe_portfolio\",\"data\":{\"portfolio_id\":\"x\"}}", "invalid_message", "data.portfolio_id must be an integer");
        assertError("{\"type\":\"unsubscribe_portfolio\",\"data\":{\"portfolio_id\":1.5}}", "invalid_message", "data.portfolio_id must be an integer");
        assertFalse(socket.isClosed());
        // A portfolio id may come as a string of digits.
        assertEquals(7L, new MarketFrame.Portfolio(Json.createValue(" 7 ")).id());
    }

    private void assertError(String text, String code, String message) {
        receive(text);
        JsonObject data = json(socket.nextFrame()).getJsonObject("data");
        assertEquals(code, data.getString("code"), text);
        assertEquals(message, data.getString("message"), text);
    }

    private void receive(String text) {
        harness.sockets().message(socket.session(), channel, text);
    }

    private static JsonObject json(String frame) {
        return Json.createReader(new StringReader(frame)).readObject();
    }
}
