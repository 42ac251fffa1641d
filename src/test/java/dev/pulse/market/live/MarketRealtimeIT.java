package dev.pulse.market.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.pulse.account.AccountSession;
import dev.pulse.market.Http;
import dev.pulse.support.Browser;
import dev.pulse.support.TestEnvironment;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** /ws/realtime/ (seed 001) and its HTTP companions over real sockets on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MarketRealtimeIT {

    @ArquillianResource
    URL base;

    private Http.Session trader;

    /** force_price_update needs a logged-in caller (any user, as seed 001's session-authenticated view). */
    private Http.Session trader() {
        if (trader == null) {
            AccountSession user = AccountSession.newUser(base, "trader");
            trader = Http.Session.login(base, user.username(), AccountSession.PASSWORD);
        }
        return trader;
    }

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
        assertTimestamp(frame.getString("timestamp"));
        return frame.getJsonObject("data");
    }

    /** docs/market.md: every frame carries {@code "timestamp": "2026-01-15T10:30:00.123Z"} (UTC, milliseconds). */
    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private static void assertTimestamp(String timestamp) {
        assertTrue(TIMESTAMP.matcher(timestamp).matches(), "timestamp in the documented form: " + timestamp);
    }

    /** The stored price of {@code symbol}: {current_price, previous_close}. */
    private static BigDecimal[] storedPrice(String symbol) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement("SELECT current_price, previous_close FROM market_asset WHERE symbol = ?")) {
            query.setString(1, symbol);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "no stored asset " + symbol);
                return new BigDecimal[] {row.getBigDecimal(1), row.getBigDecimal(2)};
            }
        }
    }

    /**
     * docs/market.md: {@code price} is the stored price, {@code change} is against the previous close,
     * {@code change_percent} that change in percent of the previous close; money to 2 decimals.
     */
    private static void assertQuoteOfStoredPrice(String symbol, JsonObject data) throws Exception {
        BigDecimal[] stored = storedPrice(symbol);
        BigDecimal change = stored[0].subtract(stored[1]);
        assertEquals(stored[0].setScale(2, RoundingMode.HALF_UP).doubleValue(), data.getJsonNumber("price").doubleValue(), data.toString());
        assertEquals(change.setScale(2, RoundingMode.HALF_UP).doubleValue(), data.getJsonNumber("change").doubleValue(), data.toString());
        assertEquals(change.multiply(BigDecimal.valueOf(100)).divide(stored[1], 2, RoundingMode.HALF_UP).doubleValue(),
                data.getJsonNumber("change_percent").doubleValue(), data.toString());
    }

    /** Runs {@code check} with the price feed stopped, so no feed cycle changes a price between a frame and the database. */
    private void withFeedStopped(ThrowingRunnable check) throws Exception {
        Http.Session admin = Http.admin(base);
        assertEquals(200, admin.post("api/realtime/feed/stop/", "").status());
        try {
            check.run();
        } finally {
            restoreTheDefaultFeed(admin);
        }
    }

    /** The feed as the server booted it (seed 001 defaults): the server is shared with later test classes. */
    private static void restoreTheDefaultFeed(Http.Session admin) {
        Http.Reply restored = admin.post("api/realtime/feed/start/", "{\"interval\": 30, \"batch_size\": 50, \"verbose\": false}");
        assertEquals(200, restored.status(), restored.body());
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void greetsAnAnonymousClientWithTheSeedsConnectionMessage() {
        try (WsClient client = WsClient.connect(base, "ws/realtime/")) {
            JsonObject frame = client.nextJson();
            assertEquals("connection", frame.getString("type"));
            assertTimestamp(frame.getString("timestamp"));
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
            assertTimestamp(pong.getString("timestamp"));
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, pong.getJsonObject("data"));
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.nextJson().getString("type"));
        }
    }

    @Test
    void aSubscriptionIsConfirmedAndGivesTheCurrentPriceAtOnce() throws Exception {
        withFeedStopped(() -> {
        // One known price in the cache and the database alike, whatever other servers on this database did before.
        Http.Reply forced = trader().post("api/realtime/force_price_update/", "{\"symbols\":[\"AAPL\"]}");
        assertEquals(200, forced.status(), forced.body());
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
            assertQuoteOfStoredPrice("AAPL", data);
            assertTrue(data.getJsonNumber("low").doubleValue() <= data.getJsonNumber("high").doubleValue());
        }
        });
    }

    @Test
    void aForcedUpdateIsStoredThenBroadcastToSubscribers() throws Exception {
        withFeedStopped(() -> {
        try (WsClient watcher = connect(); WsClient other = connect()) {
            watcher.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"GOOGL\"}}");
            nextUpdateOf(watcher, "GOOGL");
            other.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"GOOGL\"}}");
            nextUpdateOf(other, "GOOGL");

            Http.Reply reply = trader().post("api/realtime/force_price_update/", "{\"symbols\":[\"GOOGL\"]}");
            assertEquals(200, reply.status(), reply.body());
            JsonObject updated = reply.json().getJsonArray("updated").getJsonObject(0);
            assertEquals("success", reply.json().getString("status"));
            assertEquals("GOOGL", updated.getString("symbol"));

            for (WsClient client : List.of(watcher, other)) {
                JsonObject data = client.nextJson(frame -> "asset_update".equals(frame.getString("type"))
                        && frame.getJsonObject("data").getJsonNumber("volume").longValue()
                        == updated.getJsonNumber("volume").longValue()).getJsonObject("data");
                // The frame is the stored price (the feed is stopped: nothing changed it since).
                assertQuoteOfStoredPrice("GOOGL", data);
            }
            // Stored before broadcast: a new subscriber's snapshot already has the new price.
            try (WsClient late = connect()) {
                late.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"googl\"}}");
                JsonObject snapshot = nextUpdateOf(late, "GOOGL").getJsonObject("data");
                assertEquals(updated.getJsonNumber("volume").longValue(), snapshot.getJsonNumber("volume").longValue());
                assertQuoteOfStoredPrice("GOOGL", snapshot);
            }
        }
        });
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
            Http.Reply reply = trader().post("api/realtime/force_price_update/", "{\"symbols\":[\"AMZN\",\"TSLA\"]}");
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
        Http.Reply reply = trader().post("api/realtime/force_price_update/", "{\"symbols\":[\"AAPL\",\"" + unknown + "\"]}");
        assertEquals(400, reply.status(), reply.body());
        assertEquals("unknown_symbols", reply.json().getString("error"));
        assertEquals(unknown, reply.json().getJsonArray("symbols").getString(0));

        Http.Reply missing = trader().post("api/realtime/force_price_update/", "{}");
        assertEquals(400, missing.status(), missing.body());
        assertEquals("missing_symbols", missing.json().getString("error"));

        Http.Reply wrongType = trader().post("api/realtime/force_price_update/", "{\"symbols\": 5}");
        assertEquals(400, wrongType.status(), wrongType.body());
        assertEquals("invalid_request", wrongType.json().getString("error"));

        Http.Reply notJson = trader().post("api/realtime/force_price_update/", "{\"symbols\": [");
        assertEquals(400, notJson.status(), notJson.body());

        Http.Reply noSlash = trader().post("api/realtime/force_price_update", "{\"symbols\":[\"MSFT\"]}");
        assertEquals(200, noSlash.status(), noSlash.body());
        assertEquals(1, noSlash.json().getInt("count"));
    }

    @Test
    void healthReportsTheFeedAndConnections() {
        try (WsClient client = connect()) {
            WsClient.eventually(() -> {
                java.time.Instant asked = java.time.Instant.now();
                JsonObject health = Http.get(base, "realtime/health/").json();
                assertTrue(health.getBoolean("price_feed_running"));
                assertEquals(1, health.getInt("active_connections"), health.toString());
                // The time of the answer (same machine, same clock): between the request and now.
                java.time.Instant answered = java.time.Instant.parse(health.getString("timestamp"));
                assertFalse(answered.isBefore(asked) || answered.isAfter(java.time.Instant.now()), asked + " <= " + answered + " <= now");
            });
        }
        Http.Reply ready = Http.get(base, "health/ready");
        JsonObject check = ready.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("price-feed")).findFirst().orElseThrow();
        assertEquals("UP", check.getString("status"), check.toString());
        assertEquals("true", check.getJsonObject("data").get("price_feed_running").toString().replace("\"", ""), check.toString());
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
            Http.Reply reply = trader().post("api/realtime/force_price_update/", "{\"symbols\":[\"AAPL\"]}");
            JsonObject updated = reply.json().getJsonArray("updated").getJsonObject(0);
            String volume = String.valueOf(updated.getJsonNumber("volume").longValue());
            String price = String.format(java.util.Locale.ROOT, "%.2f", updated.getJsonNumber("price").doubleValue());
            WsClient.eventually(() -> {
                assertEquals(volume, browser.findElement(By.cssSelector("#row-AAPL .volume")).getText());
                assertEquals(price, browser.findElement(By.cssSelector("#row-AAPL .price")).getText());
            });
            assertFalse(browser.findElements(By.cssSelector("#chart canvas")).isEmpty(), "the chart is drawn");
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
    // ---- portfolios (owner only), per-user connection limit, the caller's own stats ----

    private static JsonObject json(HttpResponse<String> response) {
        return WsClient.parse(response.body());
    }

    /** Creates a portfolio through the API and sets its positions; answers its id. */
    private static long portfolio(AccountSession owner, String name, Map<String, String> positions) {
        HttpResponse<String> created = owner.post("api/portfolios", "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        long id = json(created).getJsonNumber("id").longValue();
        positions.forEach((symbol, quantity) -> {
            HttpResponse<String> held = owner.post("api/portfolios/" + id + "/positions",
                    "{\"symbol\":\"" + symbol + "\",\"quantity\":" + quantity + "}");
            assertEquals(200, held.statusCode(), held.body());
        });
        return id;
    }

    private static JsonObject greeted(WsClient client) {
        JsonObject greeting = client.nextJson();
        assertEquals("connection", greeting.getString("type"), greeting.toString());
        return greeting.getJsonObject("data");
    }

    private static boolean portfolioUpdate(JsonObject frame, long id) {
        return "portfolio_update".equals(frame.getString("type"))
                && frame.getJsonObject("data").getJsonNumber("portfolio_id").longValue() == id;
    }

    /**
     * The portfolio's value as docs/market.md defines it, summed by the database over the stored
     * positions and prices: {total, change, percent}. total = Σ quantity × price, change = Σ quantity ×
     * (price − previous close), percent = change against (total − change); each rounded to 2.
     */
    private static BigDecimal[] storedValue(long id) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement("SELECT round(total, 2), round(change, 2),"
                     + " CASE WHEN total - change = 0 THEN 0 ELSE round(change * 100 / (total - change), 2) END"
                     + " FROM (SELECT coalesce(sum(p.quantity * a.current_price), 0) AS total,"
                     + " coalesce(sum(p.quantity * (a.current_price - a.previous_close)), 0) AS change"
                     + " FROM market_position p JOIN market_asset a ON a.id = p.asset_id WHERE p.portfolio_id = ?) v")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return new BigDecimal[] {row.getBigDecimal(1), row.getBigDecimal(2), row.getBigDecimal(3)};
            }
        }
    }

    private static void assertValue(BigDecimal[] expected, JsonObject value) {
        assertEquals(expected[0].doubleValue(), value.getJsonNumber("total_value").doubleValue(), value.toString());
        assertEquals(expected[1].doubleValue(), value.getJsonNumber("daily_change").doubleValue(), value.toString());
        assertEquals(expected[2].doubleValue(), value.getJsonNumber("daily_change_percent").doubleValue(), value.toString());
    }

    @Test
    void thePortfolioApiServesOnlyTheOwner() throws Exception {
        Http.Reply anonymous = Http.post(base, "api/portfolios", "{\"name\":\"Nobody's\"}");
        assertEquals(401, anonymous.status(), anonymous.body());
        assertTrue(anonymous.contentType().startsWith("application/json"), anonymous.contentType());
        assertEquals("not_authenticated", anonymous.json().getString("error"));
        assertEquals(401, Http.get(base, "api/portfolios").status());

        AccountSession owner = AccountSession.newUser(base, "owner");
        AccountSession other = AccountSession.newUser(base, "other");
        HttpResponse<String> created = owner.post("api/portfolios", "{\"name\":\"Growth\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject portfolio = json(created);
        long id = portfolio.getJsonNumber("id").longValue();
        assertEquals("Growth", portfolio.getString("name"));
        assertTrue(portfolio.getJsonArray("positions").isEmpty());
        assertEquals(0.0, portfolio.getJsonNumber("total_value").doubleValue());

        HttpResponse<String> added = owner.post("api/portfolios/" + id + "/positions", "{\"symbol\":\"aapl\",\"quantity\":10}");
        assertEquals(200, added.statusCode(), added.body());
        JsonObject held = json(added).getJsonArray("positions").getJsonObject(0);
        assertEquals("AAPL", held.getString("symbol"));
        assertEquals(10, held.getJsonNumber("quantity").intValue());

        HttpResponse<String> replaced = owner.post("api/portfolios/" + id + "/positions", "{\"symbol\":\"AAPL\",\"quantity\":2.5}");
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals(1, json(replaced).getJsonArray("positions").size(), "replaced, not added: " + replaced.body());
        assertEquals(new BigDecimal("2.5"), json(replaced).getJsonArray("positions").getJsonObject(0).getJsonNumber("quantity").bigDecimalValue());
        assertEquals(200, owner.post("api/portfolios/" + id + "/positions", "{\"symbol\":\"MSFT\",\"quantity\":3}").statusCode());

        JsonObject mine = json(owner.get("api/portfolios/" + id));
        assertEquals(List.of("AAPL", "MSFT"), mine.getJsonArray("positions").stream()
                .map(p -> p.asJsonObject().getString("symbol")).toList());
        BigDecimal[] stored = storedValue(id);
        assertValue(stored, mine);

        HttpResponse<String> unknown = owner.post("api/portfolios/" + id + "/positions", "{\"symbol\":\"NOPE_Q\",\"quantity\":1}");
        assertEquals(400, unknown.statusCode());
        assertEquals("unknown_symbols", json(unknown).getString("error"));
        HttpResponse<String> negative = owner.post("api/portfolios/" + id + "/positions", "{\"symbol\":\"AAPL\",\"quantity\":-1}");
        assertEquals(400, negative.statusCode());
        assertEquals("invalid_request", json(negative).getString("error"));
        assertEquals("missing_field", json(owner.post("api/portfolios/" + id + "/positions", "{\"symbol\":\"AAPL\"}")).getString("error"));
        assertEquals("missing_field", json(owner.post("api/portfolios", "{}")).getString("error"));

        assertTrue(json(owner.get("api/portfolios")).getJsonArray("portfolios").stream()
                .anyMatch(p -> p.asJsonObject().getJsonNumber("id").longValue() == id));
        assertTrue(json(other.get("api/portfolios")).getJsonArray("portfolios").stream()
                .noneMatch(p -> p.asJsonObject().getJsonNumber("id").longValue() == id));
        HttpResponse<String> foreign = other.get("api/portfolios/" + id);
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals("forbidden", json(foreign).getString("error"));
        assertEquals(403, other.post("api/portfolios/" + id + "/positions", "{\"symbol\":\"AAPL\",\"quantity\":1}").statusCode());
        HttpResponse<String> missing = owner.get("api/portfolios/" + (id + 1_000_000_000L));
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", json(missing).getString("error"));
        assertEquals(401, Http.get(base, "api/portfolios/" + id).status());

        // Quantity 0 removes the position; the other user's attempt changed nothing.
        owner.post("api/portfolios/" + id + "/positions", "{\"symbol\":\"MSFT\",\"quantity\":0}");
        JsonObject after = json(owner.get("api/portfolios/" + id));
        assertEquals(1, after.getJsonArray("positions").size(), after.toString());
        assertEquals(new BigDecimal("2.5"), after.getJsonArray("positions").getJsonObject(0).getJsonNumber("quantity").bigDecimalValue());
    }

    @Test
    void theOwnerWatchesAPortfolioLiveAndNobodyElseMay() throws Exception {
        Http.Session admin = Http.admin(base);
        // No feed cycle between a forced update and the check against the database.
        assertEquals(200, admin.post("api/realtime/feed/stop/", "").status());
        try {
            AccountSession owner = AccountSession.newUser(base, "holder");
            AccountSession other = AccountSession.newUser(base, "peeker");
            long id = portfolio(owner, "Live", Map.of("AAPL", "10", "MSFT", "2.5"));
            long later = portfolio(owner, "Later", Map.of("MSFT", "1"));
            try (WsClient mine = owner.connect("ws/realtime/"); WsClient theirs = other.connect("ws/realtime/"); WsClient anonymous = connect()) {
                JsonObject greeting = greeted(mine);
                assertTrue(greeting.getBoolean("authenticated"));
                assertEquals(JsonValue.ValueType.NUMBER, greeting.get("user_id").getValueType(), greeting.toString());
                greeted(theirs);

                mine.send("{\"type\":\"subscribe_portfolio\",\"data\":{\"portfolio_id\":" + id + "}}");
                JsonObject confirmed = mine.nextJson();
                assertEquals("subscription_confirmed", confirmed.getString("type"), confirmed.toString());
                assertEquals("portfolio", confirmed.getJsonObject("data").getString("subscription_type"));
                assertEquals(id, confirmed.getJsonObject("data").getJsonNumber("portfolio_id").longValue());
                JsonObject initial = mine.nextJson();
                assertTrue(portfolioUpdate(initial, id), initial.toString());
                assertEquals("Live", initial.getJsonObject("data").getString("name"));
                assertValue(storedValue(id), initial.getJsonObject("data"));

                for (WsClient stranger : List.of(theirs, anonymous)) {
                    stranger.send("{\"type\":\"subscribe_portfolio\",\"data\":{\"portfolio_id\":" + id + "}}");
                    assertEquals("not_authorized", error(stranger).getString("code"));
                }

                Http.Reply forced = trader().post("api/realtime/force_price_update/", "{\"symbols\":[\"AAPL\",\"MSFT\"]}");
                assertEquals(200, forced.status(), forced.body());
                JsonObject update = mine.nextJson(frame -> portfolioUpdate(frame, id)).getJsonObject("data");
                BigDecimal[] stored = storedValue(id);
                assertValue(stored, update);
                assertEquals("Live", update.getString("name"));
                double aapl = forced.json().getJsonArray("updated").stream().map(JsonValue::asJsonObject)
                        .filter(q -> q.getString("symbol").equals("AAPL")).findFirst().orElseThrow().getJsonNumber("price").doubleValue();
                assertEquals(storedPrice("AAPL")[0].setScale(2, RoundingMode.HALF_UP).doubleValue(), aapl,
                        "the forced price is the stored one the update was valued at");

                // Unsubscribed: the next price change of MSFT reaches the later portfolio (broadcast after the
                // first one, by id) but not this one.
                mine.send("{\"type\":\"subscribe_portfolio\",\"data\":{\"portfolio_id\":" + later + "}}");
                mine.nextJson(frame -> portfolioUpdate(frame, later));
                mine.send("{\"type\":\"unsubscribe_portfolio\",\"data\":{\"portfolio_id\":" + id + "}}");
                JsonObject unsubscribed = next(mine, "unsubscription_confirmed");
                assertEquals(id, unsubscribed.getJsonObject("data").getJsonNumber("portfolio_id").longValue());
                assertEquals(200, trader().post("api/realtime/force_price_update/", "{\"symbols\":[\"MSFT\"]}").status());
                while (true) {
                    JsonObject frame = mine.nextJson();
                    assertFalse(portfolioUpdate(frame, id), "no update after unsubscribing: " + frame);
                    if (portfolioUpdate(frame, later)) {
                        assertValue(storedValue(later), frame.getJsonObject("data"));
                        break;
                    }
                }
            }
        } finally {
            restoreTheDefaultFeed(admin);
        }
    }

    @Test
    void aUserHoldsAtMostMaxConnectionsPerUserSockets() {
        // The test environment sets MAX_CONNECTIONS_PER_USER (pom.xml, failsafe) for server and tests alike.
        int limit = Integer.parseInt(System.getenv().getOrDefault("MAX_CONNECTIONS_PER_USER", "5"));
        AccountSession user = AccountSession.newUser(base, "many");
        List<WsClient> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < limit; i++) {
                WsClient socket = user.connect("ws/realtime/");
                sockets.add(socket);
                assertTrue(greeted(socket).getBoolean("authenticated"));
            }
            try (WsClient oneTooMany = user.connect("ws/realtime/")) {
                assertEquals(1008, oneTooMany.awaitClose());
            }
            // Anonymous sockets are not counted, and other users have their own allowance.
            try (WsClient anonymous = connect(); WsClient another = AccountSession.newUser(base, "few").connect("ws/realtime/")) {
                assertTrue(greeted(another).getBoolean("authenticated"));
                anonymous.send("{\"type\":\"ping\"}");
                assertEquals("pong", anonymous.nextJson().getString("type"));
            }
            // Closing one frees a slot.
            sockets.remove(0).close();
            WsClient.eventually(() -> assertEquals(limit - 1,
                    json(user.get("realtime/status/")).getJsonObject("user_stats").getInt("connection_count")));
            WsClient again = user.connect("ws/realtime/");
            sockets.add(again);
            assertTrue(greeted(again).getBoolean("authenticated"));
            for (WsClient socket : sockets) {
                socket.send("{\"type\":\"ping\"}");
                assertEquals("pong", next(socket, "pong").getString("type"));
            }
        } finally {
            sockets.forEach(WsClient::close);
        }
    }

    @Test
    void statusDescribesTheCallersOwnSockets() {
        AccountSession user = AccountSession.newUser(base, "watcher");
        long id = portfolio(user, "Watched", Map.of("NVDA", "1"));
        try (WsClient one = user.connect("ws/realtime/"); WsClient two = user.connect("ws/realtime/"); WsClient anonymous = connect()) {
            greeted(one);
            greeted(two);
            one.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"AAPL\"}}");
            nextUpdateOf(one, "AAPL");
            one.send("{\"type\":\"subscribe_portfolio\",\"data\":{\"portfolio_id\":" + id + "}}");
            one.nextJson(frame -> portfolioUpdate(frame, id));
            two.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"MSFT\"}}");
            nextUpdateOf(two, "MSFT");
            anonymous.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"TSLA\"}}");
            nextUpdateOf(anonymous, "TSLA");
            WsClient.eventually(() -> {
                JsonObject status = json(user.get("realtime/status/"));
                JsonObject mine = status.getJsonObject("user_stats");
                assertEquals(2, mine.getInt("connection_count"), status.toString());
                assertEquals(List.of(id), mine.getJsonObject("subscriptions").getJsonArray("portfolios").stream()
                        .map(v -> ((jakarta.json.JsonNumber) v).longValue()).toList());
                assertEquals(List.of("AAPL", "MSFT"), mine.getJsonObject("subscriptions").getJsonArray("assets").stream()
                        .map(v -> ((jakarta.json.JsonString) v).getString()).toList());
                JsonObject global = status.getJsonObject("global_stats");
                assertEquals(3, global.getInt("total_connections"), status.toString());
                assertEquals(1, global.getInt("authenticated_users"));
                assertEquals(1, global.getInt("portfolio_subscriptions"));
                assertEquals(3, global.getInt("asset_subscriptions"));
            });
            // Another caller sees the same global figures and nothing of this user's.
            JsonObject anonymousView = Http.get(base, "realtime/status/").json().getJsonObject("user_stats");
            assertEquals(0, anonymousView.getInt("connection_count"));
            assertTrue(anonymousView.getJsonObject("subscriptions").getJsonArray("assets").isEmpty());
        }
    }
    @Test
    void globalStatsAddUpTheOtherInstancesOfTheCluster() {
        // A Hazelcast client in the deployment's cluster publishes the figures of another instance.
        ClientConfig config = new ClientConfig();
        config.setClusterName(System.getProperty("pulse.it.clusterName"));
        config.getNetworkConfig().addAddress("127.0.0.1:" + System.getProperty("pulse.it.hazelcastPort"));
        HazelcastInstance other = HazelcastClient.newHazelcastClient(config);
        AccountSession user = AccountSession.newUser(base, "both");
        String elsewhere = AccountSession.uniqueName("elsewhere");
        String key = "another-instance-" + UUID.randomUUID();
        IMap<String, String> published = other.getMap(ClusterStats.MAP);
        try (WsClient here = user.connect("ws/realtime/")) {
            greeted(here);
            here.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"AAPL\"}}");
            nextUpdateOf(here, "AAPL");
            published.set(key, "{\"connections\":7,\"portfolio_subscriptions\":2,\"asset_subscriptions\":4,\"users\":[\""
                    + user.username() + "\",\"" + elsewhere + "\"]}", 60, TimeUnit.SECONDS);
            WsClient.eventually(() -> {
                JsonObject global = Http.get(base, "realtime/status/").json().getJsonObject("global_stats");
                assertEquals(1 + 7, global.getInt("total_connections"), global.toString());
                assertEquals(2, global.getInt("authenticated_users"), "a user on two instances counts once: " + global);
                assertEquals(2, global.getInt("portfolio_subscriptions"));
                assertEquals(1 + 4, global.getInt("asset_subscriptions"));
            });
            // The other instance is gone (its entry expires in reality; removed here): only this one's figures remain.
            published.delete(key);
            JsonObject global = Http.get(base, "realtime/status/").json().getJsonObject("global_stats");
            assertEquals(1, global.getInt("total_connections"), global.toString());
            assertEquals(1, global.getInt("authenticated_users"));
        } finally {
            published.delete(key);
            other.shutdown();
        }
    }
}
