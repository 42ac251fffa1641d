package dev.pulse.market.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.market.Http;
import dev.pulse.support.Browser;
import dev.pulse.support.PulseDeployment;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** /ws/realtime/ (seed 001) and its HTTP companions over real sockets on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MarketRealtimeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PulseDeployment.war();
    }

    @ArquillianResource
    URL base;

    private WsClient connect() {
        WsClient client = WsClient.connect(base, "ws/realtime/");
        JsonObject greeting = client.nextJson();
        assertEquals("connection", greeting.getString("type"), greeting.toString());
        return client;
    }

    private static JsonObject next(WsClient client, String type) {
        return client.nextJson(frame -> type.equals(frame.getString("type")));
    }

    private static JsonObject nextUpdateOf(WsClient client, String symbol) {
        return client.nextJson(frame -> "asset_update".equals(frame.getString("type"))
                && symbol.equals(frame.getJsonObject("data").getString("symbol")));
    }

    private static JsonObject error(WsClient client) {
        JsonObject frame = next(client, "error");
        assertNotNull(Instant.parse(frame.getString("timestamp")));
        return frame.getJsonObject("data");
    }

    @Test
    void greetsAnAnonymousClientWithTheSeedsConnectionMessage() {
        try (WsClient client = WsClient.connect(base, "ws/realtime/")) {
            JsonObject frame = client.nextJson();
            assertEquals("connection", frame.getString("type"));
            assertNotNull(Instant.parse(frame.getString("timestamp")));
            JsonObject data = frame.getJsonObject("data");
            assertEquals("connected", data.getString("status"));
            assertFalse(data.getString("connection_id").isBlank());
            assertFalse(data.getBoolean("authenticated"));
            assertTrue(data.containsKey("user_id"), "user_id is present, as null: " + data);
            assertEquals(JsonValue.NULL, data.get("user_id"));
        }
    }

    @Test
    void answersPingWithPong() {
        try (WsClient client = connect()) {
            client.send("{\"type\":\"ping\",\"data\":{},\"timestamp\":\"2024-01-15T10:30:00Z\"}");
            JsonObject pong = client.nextJson();
            assertEquals("pong", pong.getString("type"));
            assertNotNull(Instant.parse(pong.getString("timestamp")));
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.nextJson().getString("type"));
        }
    }

    @Test
    void aSubscriptionIsConfirmedAndGivesTheCurrentPriceAtOnce() {
        try (WsClient client = connect()) {
            client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"AAPL\"}}");
            JsonObject confirmed = client.nextJson();
            assertEquals("subscription_confirmed", confirmed.getString("type"), confirmed.toString());
            assertEquals("asset", confirmed.getJsonObject("data").getString("subscription_type"));
            assertEquals("AAPL", confirmed.getJsonObject("data").getString("symbol"));
            JsonObject update = client.nextJson();
            assertEquals("asset_update", update.getString("type"), update.toString());
            JsonObject data = update.getJsonObject("data");
            assertEquals("AAPL", data.getString("symbol"));
            for (String field : List.of("price", "change", "change_percent", "volume", "high", "low")) {
                assertEquals(JsonValue.ValueType.NUMBER, data.get(field).getValueType(), field + " in " + data);
            }
            assertTrue(data.getJsonNumber("price").doubleValue() > 0);
            assertTrue(data.getJsonNumber("low").doubleValue() <= data.getJsonNumber("high").doubleValue());
        }
    }

    @Test
    void aForcedUpdateIsStoredThenBroadcastToSubscribers() {
        try (WsClient watcher = connect(); WsClient other = connect()) {
            watcher.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"GOOGL\"}}");
            nextUpdateOf(watcher, "GOOGL");
            other.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"GOOGL\"}}");
            nextUpdateOf(other, "GOOGL");

            Http.Reply reply = Http.post(base, "api/realtime/force_price_update/", "{\"symbols\":[\"GOOGL\"]}");
            assertEquals(200, reply.status(), reply.body());
            JsonObject updated = reply.json().getJsonArray("updated").getJsonObject(0);
            assertEquals("success", reply.json().getString("status"));
            assertEquals("GOOGL", updated.getString("symbol"));

            for (WsClient client : List.of(watcher, other)) {
                JsonObject data = client.nextJson(frame -> "asset_update".equals(frame.getString("type"))
                        && frame.getJsonObject("data").getJsonNumber("volume").longValue()
                        == updated.getJsonNumber("volume").longValue()).getJsonObject("data");
                assertEquals(updated.getJsonNumber("price").doubleValue(), data.getJsonNumber("price").doubleValue());
                assertEquals(updated.getJsonNumber("change_percent").doubleValue(), data.getJsonNumber("change_percent").doubleValue());
            }
            // Stored before broadcast: a new subscriber's snapshot already has the new price.
            try (WsClient late = connect()) {
                late.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"googl\"}}");
                JsonObject snapshot = nextUpdateOf(late, "GOOGL").getJsonObject("data");
                assertTrue(snapshot.getJsonNumber("volume").longValue() >= updated.getJsonNumber("volume").longValue());
            }
        }
    }

    @Test
    void afterUnsubscribingNoMoreUpdatesArrive() {
        try (WsClient client = connect()) {
            client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"AMZN\"}}");
            nextUpdateOf(client, "AMZN");
            client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"TSLA\"}}");
            nextUpdateOf(client, "TSLA");
            client.send("{\"type\":\"unsubscribe_asset\",\"data\":{\"symbol\":\"AMZN\"}}");
            JsonObject confirmed = next(client, "unsubscription_confirmed");
            assertEquals("AMZN", confirmed.getJsonObject("data").getString("symbol"));

            // AMZN is repriced and published before TSLA (symbol order): once TSLA arrives, AMZN would have.
            Http.Reply reply = Http.post(base, "api/realtime/force_price_update/", "{\"symbols\":[\"AMZN\",\"TSLA\"]}");
            assertEquals(200, reply.status(), reply.body());
            JsonObject frame = client.nextJson(f -> "asset_update".equals(f.getString("type")));
            assertEquals("TSLA", frame.getJsonObject("data").getString("symbol"));

            client.send("{\"type\":\"unsubscribe_asset\",\"data\":{\"symbol\":\"AMZN\"}}");
            assertEquals("not_subscribed", error(client).getString("code"));
        }
    }

    @Test
    void badFramesGetAnErrorAndTheSocketStaysUsable() {
        try (WsClient client = connect()) {
            client.send("{\"type\": ");
            JsonObject malformed = error(client);
            assertEquals("invalid_json", malformed.getString("code"));
            assertTrue(malformed.getString("message").startsWith("Malformed JSON"), malformed.toString());

            client.send("[1,2]");
            assertEquals("invalid_json", error(client).getString("code"));

            client.send("{\"data\":{}}");
            JsonObject missingType = error(client);
            assertEquals("missing_field", missingType.getString("code"));
            assertEquals("type is required", missingType.getString("message"));

            client.send("{\"type\":\"subscribe_asset\",\"data\":{}}");
            JsonObject missingSymbol = error(client);
            assertEquals("missing_field", missingSymbol.getString("code"));
            assertEquals("data.symbol is required", missingSymbol.getString("message"));

            client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":42}}");
            assertEquals("invalid_message", error(client).getString("code"));

            client.send("{\"type\":\"subscribe_asset\",\"data\":\"AAPL\"}");
            assertEquals("invalid_message", error(client).getString("code"));

            client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"NOPE_" + System.nanoTime() % 100000 + "\"}}");
            JsonObject unknown = error(client);
            assertEquals("unknown_symbol", unknown.getString("code"));
            assertTrue(unknown.getString("message").startsWith("Unknown asset symbol: NOPE_"), unknown.toString());

            client.send("{\"type\":\"teleport\",\"data\":{}}");
            JsonObject unknownType = error(client);
            assertEquals("unknown_type", unknownType.getString("code"));
            assertEquals("Unknown message type: teleport", unknownType.getString("message"));

            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.nextJson().getString("type"));
        }
    }

    @Test
    void subscriptionsPerConnectionAreLimited() {
        // MAX_SUBSCRIPTIONS_PER_CONNECTION is 5 in the test environment (pom.xml, failsafe).
        List<String> symbols = List.of("AAPL", "GOOGL", "MSFT", "AMZN", "TSLA", "NVDA");
        try (WsClient client = connect()) {
            for (String symbol : symbols.subList(0, 5)) {
                client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"" + symbol + "\"}}");
                nextUpdateOf(client, symbol);
            }
            client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"AAPL\"}}");
            assertEquals("subscription_confirmed", next(client, "subscription_confirmed").getString("type"),
                    "repeating a subscription takes no room");
            client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"NVDA\"}}");
            JsonObject limit = error(client);
            assertEquals("subscription_limit", limit.getString("code"));
            client.send("{\"type\":\"unsubscribe_asset\",\"data\":{\"symbol\":\"MSFT\"}}");
            next(client, "unsubscription_confirmed");
            client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"NVDA\"}}");
            nextUpdateOf(client, "NVDA");
        }
    }

    @Test
    void portfoliosAreOwnerOnly() {
        try (WsClient client = connect()) {
            client.send("{\"type\":\"subscribe_portfolio\",\"data\":{\"portfolio_id\":123}}");
            JsonObject denied = error(client);
            assertEquals("not_authorized", denied.getString("code"));

            client.send("{\"type\":\"subscribe_portfolio\",\"data\":{}}");
            assertEquals("missing_field", error(client).getString("code"));
            client.send("{\"type\":\"subscribe_portfolio\",\"data\":{\"portfolio_id\":\"abc\"}}");
            assertEquals("invalid_message", error(client).getString("code"));
            client.send("{\"type\":\"unsubscribe_portfolio\",\"data\":{\"portfolio_id\":123}}");
            assertEquals("not_subscribed", error(client).getString("code"));
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.nextJson().getString("type"));
        }
    }

    @Test
    void websocketInfoDescribesTheSocketForTheRequestedHost() {
        String expectedHost = base.getHost() + ":" + base.getPort();
        for (String path : List.of("realtime/websocket-info/", "realtime/websocket-info")) {
            Http.Reply reply = Http.get(base, path);
            assertEquals(200, reply.status(), path);
            assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
            JsonObject info = reply.json();
            assertEquals("ws://" + expectedHost + "/ws/realtime/", info.getString("websocket_url"));
            JsonObject connection = info.getJsonObject("connection_info");
            assertEquals("ws", connection.getString("protocol"));
            assertEquals(expectedHost, connection.getString("host"));
            assertEquals("/ws/realtime/", connection.getString("path"));
            assertEquals("session-based", connection.getString("authentication"));
            assertEquals("Health check message", info.getJsonObject("message_types").getString("ping"));
            assertTrue(info.getJsonObject("message_types").containsKey("subscribe_asset"));
        }
        // The URL it gives works.
        try (WsClient client = WsClient.connect(base, "ws/realtime/")) {
            assertEquals("connection", client.nextJson().getString("type"));
        }
    }

    @Test
    void statusCountsConnectionsAndSubscriptions() {
        try (WsClient one = connect(); WsClient two = connect()) {
            one.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"AAPL\"}}");
            nextUpdateOf(one, "AAPL");
            one.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"MSFT\"}}");
            nextUpdateOf(one, "MSFT");
            two.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"AAPL\"}}");
            nextUpdateOf(two, "AAPL");
            WsClient.eventually(() -> {
                Http.Reply reply = Http.get(base, "realtime/status/");
                assertEquals(200, reply.status());
                JsonObject status = reply.json();
                assertEquals("running", status.getString("service_status"));
                JsonObject global = status.getJsonObject("global_stats");
                assertEquals(2, global.getInt("total_connections"), status.toString());
                assertEquals(0, global.getInt("authenticated_users"));
                assertEquals(0, global.getInt("portfolio_subscriptions"));
                assertEquals(3, global.getInt("asset_subscriptions"));
                JsonObject user = status.getJsonObject("user_stats");
                assertEquals(0, user.getInt("connection_count"), "an anonymous caller has no sockets of its own");
                assertTrue(user.getJsonObject("subscriptions").getJsonArray("assets").isEmpty());
                assertTrue(user.getJsonObject("subscriptions").getJsonArray("portfolios").isEmpty());
            });
        }
        WsClient.eventually(() -> assertEquals(0,
                Http.get(base, "realtime/status").json().getJsonObject("global_stats").getInt("total_connections")));
    }

    @Test
    void forcePriceUpdateRejectsUnknownSymbolsAndBadBodies() {
        String unknown = "ZZZ" + (System.nanoTime() % 100000);
        Http.Reply reply = Http.post(base, "api/realtime/force_price_update/", "{\"symbols\":[\"AAPL\",\"" + unknown + "\"]}");
        assertEquals(400, reply.status(), reply.body());
        assertEquals("unknown_symbols", reply.json().getString("error"));
        assertEquals(unknown, reply.json().getJsonArray("symbols").getString(0));

        Http.Reply missing = Http.post(base, "api/realtime/force_price_update/", "{}");
        assertEquals(400, missing.status(), missing.body());
        assertEquals("missing_symbols", missing.json().getString("error"));

        Http.Reply wrongType = Http.post(base, "api/realtime/force_price_update/", "{\"symbols\": 5}");
        assertEquals(400, wrongType.status(), wrongType.body());
        assertEquals("invalid_request", wrongType.json().getString("error"));

        Http.Reply notJson = Http.post(base, "api/realtime/force_price_update/", "{\"symbols\": [");
        assertEquals(400, notJson.status(), notJson.body());

        Http.Reply noSlash = Http.post(base, "api/realtime/force_price_update", "{\"symbols\":[\"MSFT\"]}");
        assertEquals(200, noSlash.status(), noSlash.body());
        assertEquals(1, noSlash.json().getInt("count"));
    }

    @Test
    void healthReportsTheFeedAndConnections() {
        try (WsClient client = connect()) {
            WsClient.eventually(() -> {
                JsonObject health = Http.get(base, "realtime/health/").json();
                assertTrue(health.getBoolean("price_feed_running"));
                assertEquals(1, health.getInt("active_connections"), health.toString());
                assertNotNull(Instant.parse(health.getString("timestamp")));
            });
        }
        Http.Reply ready = Http.get(base, "health/ready");
        JsonObject check = ready.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("price-feed")).findFirst().orElseThrow();
        assertEquals("UP", check.getString("status"), check.toString());
        assertTrue(check.getJsonObject("data").get("price_feed_running").toString().contains("true"), check.toString());
        assertEquals(404, Http.get(base, "realtime/nothing-here/").status());
    }

    @Test
    void theDashboardShowsAPriceUpdateAsItArrives() {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(Http.uri(base, "realtime/dashboard/").toString());
            WsClient.eventually(() -> {
                assertEquals("connected", browser.findElement(By.id("state")).getText());
                assertFalse(browser.findElement(By.cssSelector("#row-AAPL .price")).getText().equals("–"));
            });
            Http.Reply reply = Http.post(base, "api/realtime/force_price_update/", "{\"symbols\":[\"AAPL\"]}");
            JsonObject updated = reply.json().getJsonArray("updated").getJsonObject(0);
            String volume = String.valueOf(updated.getJsonNumber("volume").longValue());
            String price = String.format(java.util.Locale.ROOT, "%.2f", updated.getJsonNumber("price").doubleValue());
            WsClient.eventually(() -> {
                assertEquals(volume, browser.findElement(By.cssSelector("#row-AAPL .volume")).getText());
                assertEquals(price, browser.findElement(By.cssSelector("#row-AAPL .price")).getText());
            });
            assertFalse(browser.findElements(By.cssSelector("#chart canvas")).isEmpty(), "the uPlot chart is drawn");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theTestPageConnectsPingsAndSubscribes() {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(Http.uri(base, "realtime/test").toString());
            browser.findElement(By.id("connect")).click();
            WsClient.eventually(() -> assertEquals("open", browser.findElement(By.id("state")).getText()));
            browser.findElement(By.id("ping")).click();
            WsClient.eventually(() -> assertTrue(browser.findElement(By.id("log")).getText().contains("\"type\":\"pong\"")));
            browser.findElement(By.id("subscribe")).click();
            WsClient.eventually(() -> assertTrue(browser.findElement(By.id("log")).getText().contains("\"type\":\"asset_update\"")));
        } finally {
            browser.quit();
        }
    }
}
