package dev.pulse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.ServerProcess;
import dev.pulse.support.TestEnvironment;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real servers (Payara Micro, or WildFly in the wildfly profile) joined by Hazelcast on loopback: the Arquillian one and a second
 * one this test starts. Whatever a client does on one instance, clients on the other see.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// The test that stops the second instance runs last.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static ServerProcess second;

    @ArquillianResource
    URL first;

    @BeforeAll
    static void startSecondInstance() {
        second = ServerProcess.joinTestCluster("cluster-b");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    private static JsonObject liveness(URL base) throws Exception {
        URI uri = ServerProcess.management(base, "health/live");
        String body = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        return WsClient.parse(body).getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("realtime")).findFirst().orElseThrow().getJsonObject("data");
    }

    /** MP Health data values may come as strings or numbers depending on the runtime. */
    private static String members(URL base) throws Exception {
        return liveness(base).get("cluster_members").toString().replace("\"", "");
    }

    private static void burst(URL base, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/notifications/burst?count=" + count + "&interval_ms=50"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(202, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void bothInstancesSeeOneClusterOfTwo() {
        WsClient.eventually(() -> {
            try {
                assertEquals("2", members(first));
                assertEquals("2", members(second.base()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aBroadcastOnEitherInstanceReachesSocketsOnBoth() throws Exception {
        bothInstancesSeeOneClusterOfTwo();
        try (WsClient onFirst = WsClient.connect(first, "ws/test/");
             WsClient onSecond = WsClient.connect(second.base(), "ws/test/")) {
            burst(first, 3);
            for (int i = 1; i <= 3; i++) {
                assertEquals(i, onFirst.nextJson().getInt("count"));
                assertEquals(i, onSecond.nextJson().getInt("count"));
            }
            burst(second.base(), 2);
            for (int i = 1; i <= 2; i++) {
                assertEquals(i, onFirst.nextJson().getInt("count"));
                assertEquals(i, onSecond.nextJson().getInt("count"));
            }
        }
    }

    private static JsonObject onlineCount(WsClient socket) {
        return socket.nextJson(frame -> frame.getString("event").equals("online_count"));
    }

    private static JsonObject chatMessage(WsClient socket) {
        return socket.nextJson(frame -> frame.getString("event").equals("message")).getJsonObject("message");
    }

    @Test
    void chatMessagesAndPresenceSpanBothInstances() throws Exception {
        bothInstancesSeeOneClusterOfTwo();
        AccountSession alice = AccountSession.newUser(first, "alice");
        AccountSession bob = AccountSession.newUser(second.base(), "bob");
        HttpResponse<String> created = alice.post("api/chat/private/" + bob.username(), null);
        assertEquals(200, created.statusCode(), created.body());
        String room = WsClient.parse(created.body()).getString("room");
        try (WsClient onFirst = alice.connect("ws/rooms/" + room + "/")) {
            assertEquals(1, onlineCount(onFirst).getInt("online_count"));
            try (WsClient onSecond = bob.connect("ws/rooms/" + room + "/")) {
                assertEquals(2, onlineCount(onSecond).getInt("online_count"));
                assertEquals(2, onlineCount(onFirst).getInt("online_count"));

                onSecond.send("{\"body\":\"from the second instance\"}");
                JsonObject seenOnFirst = chatMessage(onFirst);
                assertEquals("from the second instance", seenOnFirst.getString("body"));
                assertEquals(bob.username(), seenOnFirst.getString("author"));
                assertEquals(seenOnFirst, chatMessage(onSecond));

                onFirst.send("{\"body\":\"and back\"}");
                assertEquals("and back", chatMessage(onSecond).getString("body"));
            }
            assertEquals(1, onlineCount(onFirst).getInt("online_count"));
        }
    }

    /** The feed as the server booted it (seed 001 defaults): the server is shared with later test classes. */
    private static void restoreTheDefaultFeed(AccountSession admin) {
        HttpResponse<String> restored = admin.post("api/realtime/feed/start/", "{\"interval\": 30, \"batch_size\": 50, \"verbose\": false}");
        assertEquals(200, restored.statusCode(), restored.body());
    }

    private static AccountSession admin(URL base) {
        AccountSession admin = new AccountSession(base);
        HttpResponse<String> login = admin.post("api/accounts/login",
                AccountSession.credentials("admin", dev.pulse.support.TestEnvironment.adminPassword()));
        assertEquals(200, login.statusCode(), login.body());
        return admin;
    }

    private static JsonObject feed(AccountSession admin) {
        HttpResponse<String> status = admin.get("api/realtime/feed/");
        assertEquals(200, status.statusCode(), status.body());
        return WsClient.parse(status.body());
    }

    @Test
    void exactlyOneInstanceRunsTheFeedAndPricesReachSocketsOnBoth() throws Exception {
        bothInstancesSeeOneClusterOfTwo();
        AccountSession adminOnFirst = admin(first);
        AccountSession adminOnSecond = admin(second.base());
        // Counted since each server started (the first one is shared with other test classes): compare with these.
        long firstBeatsBefore = feed(adminOnFirst).getJsonNumber("follower_beats").longValue();
        long secondBeatsBefore = feed(adminOnSecond).getJsonNumber("follower_beats").longValue();
        HttpResponse<String> started = adminOnFirst.post("api/realtime/feed/start/", "{\"interval_ms\":200,\"batch_size\":50}");
        assertEquals(200, started.statusCode(), started.body());
        try (WsClient onFirst = WsClient.connect(first, "ws/realtime/");
             WsClient onSecond = WsClient.connect(second.base(), "ws/realtime/")) {
            // The start command reached both; only one of them publishes.
            WsClient.eventually(() -> {
                JsonObject a = feed(adminOnFirst);
                JsonObject b = feed(adminOnSecond);
                assertEquals(true, a.getBoolean("running") && b.getBoolean("running"));
                assertEquals(1, (a.getBoolean("leader") ? 1 : 0) + (b.getBoolean("leader") ? 1 : 0), a + " / " + b);
                JsonObject follower = a.getBoolean("leader") ? b : a;
                long beatsBefore = follower == a ? firstBeatsBefore : secondBeatsBefore;
                assertEquals(true, follower.getJsonNumber("follower_beats").longValue() > beatsBefore, follower + " after " + beatsBefore);
            });
            JsonObject a = feed(adminOnFirst);
            JsonObject b = feed(adminOnSecond);
            JsonObject follower = a.getBoolean("leader") ? b : a;
            long followerCycles = follower.getJsonNumber("cycles").longValue();

            // Feed prices reach subscribers on both instances, whichever instance leads.
            String subscribe = "{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"MSFT\"}}";
            onFirst.send(subscribe);
            onSecond.send(subscribe);
            for (WsClient socket : new WsClient[] {onFirst, onSecond}) {
                socket.nextJson(f -> f.getString("type").equals("asset_update"));  // the current price, at once
                socket.nextJson(f -> f.getString("type").equals("asset_update"));  // a live one from the feed
            }
            adminOnFirst.post("api/realtime/feed/stop/", null);

            // A forced update on one instance is the same frame on the other.
            HttpResponse<String> forced = adminOnSecond.post("api/realtime/force_price_update/", "{\"symbols\":[\"MSFT\"]}");
            assertEquals(200, forced.statusCode(), forced.body());
            double price = WsClient.parse(forced.body()).getJsonArray("updated").getJsonObject(0).getJsonNumber("price").doubleValue();
            for (WsClient socket : new WsClient[] {onFirst, onSecond}) {
                socket.nextJson(f -> f.getString("type").equals("asset_update")
                        && f.getJsonObject("data").getJsonNumber("price").doubleValue() == price);
            }
            // The follower never published a cycle of its own.
            JsonObject followerAfter = follower == a ? feed(adminOnFirst) : feed(adminOnSecond);
            assertEquals(followerCycles, followerAfter.getJsonNumber("cycles").longValue());
        } finally {
            restoreTheDefaultFeed(adminOnFirst);
        }
    }

    /**
     * Runs last (it stops the second instance): the first instance carries on alone. Sockets on the
     * stopped one end, the cluster shrinks to one, broadcasts still reach the first one's sockets,
     * and the feed is led by the survivor once the stopped leader's lease has run out.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void whenOneInstanceStopsTheOtherCarriesOn() throws Exception {
        bothInstancesSeeOneClusterOfTwo();
        AccountSession adminOnFirst = admin(first);
        assertEquals(200, adminOnFirst.post("api/realtime/feed/start/", "{\"interval_ms\":200,\"batch_size\":50}").statusCode());
        try (WsClient onFirst = WsClient.connect(first, "ws/test/");
             WsClient onSecond = WsClient.connect(second.base(), "ws/test/")) {
            // Both are in the group before the stop (positive control for the broadcast after it).
            burst(first, 1);
            assertEquals(1, onFirst.nextJson().getInt("count"));
            assertEquals(1, onSecond.nextJson().getInt("count"));

            second.close();

            // A stopping instance closes its sockets itself, 1012 Service Restart (issue 13), not a drop.
            // WildFly suspends first, and its WebSocket container closes every socket with 1001 Going
            // Away before the application hears of the stop (docs/known-issues.md, "WildFly 39").
            if (ServerProcess.wildfly()) {
                assertEquals(1001, onSecond.awaitClose());
            } else {
                assertEquals(1012, onSecond.awaitClose());
                assertEquals("Service restart", onSecond.closeReason());
            }
            WsClient.eventually(() -> {
                try {
                    assertEquals("1", members(first));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            burst(first, 2);
            assertEquals(1, onFirst.nextJson().getInt("count"));
            assertEquals(2, onFirst.nextJson().getInt("count"));
            WsClient.eventually(() -> {
                JsonObject feed = feed(adminOnFirst);
                assertTrue(feed.getBoolean("running") && feed.getBoolean("leader"), feed.toString());
            });
        } finally {
            restoreTheDefaultFeed(adminOnFirst);
        }
    }

    // ---- market (/ws/realtime/): limits, stats and portfolio updates across both instances ----

    /** The same account logged in on the second instance (HTTP sessions are per instance). */
    /** A password change on one instance ends the user's other sessions there too: their sockets close 1008. */
    @Test
    void aPasswordChangedOnOneInstanceClosesTheOtherSessionsSocketsOnTheOther() {
        bothInstancesSeeOneClusterOfTwo();
        AccountSession onFirst = AccountSession.newUser(first, "spreadpass");
        AccountSession onSecond = sameUserOnSecond(onFirst);
        try (WsClient notifications = onFirst.connect("ws/notifications/");
             WsClient market = onFirst.connect("ws/realtime/")) {
            notifications.nextJson();
            greeted(market);
            HttpResponse<String> changed = onSecond.post("api/accounts/password",
                    "{\"current_password\":\"" + AccountSession.PASSWORD + "\",\"new_password\":\"changed on the other one\"}");
            assertEquals(204, changed.statusCode(), changed.body());
            for (WsClient socket : List.of(notifications, market)) {
                assertEquals(1008, socket.awaitClose());
                assertEquals("Session ended", socket.closeReason());
            }
            // The session itself is invalidated right after its sockets are closed, on the listener's thread.
            WsClient.eventually(() -> assertEquals(401, onFirst.get("api/accounts/me").statusCode()));
            assertEquals(200, onSecond.get("api/accounts/me").statusCode());
        }
    }

    private static AccountSession sameUserOnSecond(AccountSession user) {
        AccountSession session = new AccountSession(second.base());
        HttpResponse<String> login = session.post("api/accounts/login", AccountSession.credentials(user.username(), AccountSession.PASSWORD));
        assertEquals(200, login.statusCode(), login.body());
        return session;
    }

    private static JsonObject greeted(WsClient socket) {
        JsonObject greeting = socket.nextJson();
        assertEquals("connection", greeting.getString("type"), greeting.toString());
        return greeting.getJsonObject("data");
    }

    @Test
    void theMarketConnectionLimitAndGlobalStatsSpanBothInstances() {
        bothInstancesSeeOneClusterOfTwo();
        // MAX_CONNECTIONS_PER_USER comes from the failsafe environment both instances inherit.
        int limit = Integer.parseInt(System.getenv().getOrDefault("MAX_CONNECTIONS_PER_USER", "5"));
        AccountSession onFirst = AccountSession.newUser(first, "spread");
        AccountSession onSecond = sameUserOnSecond(onFirst);
        List<WsClient> sockets = new ArrayList<>();
        List<WsClient> secondSockets = new ArrayList<>();
        try {
            for (int i = 0; i < limit; i++) {
                boolean second = i % 2 == 1;
                WsClient socket = (second ? onSecond : onFirst).connect("ws/realtime/");
                sockets.add(socket);
                if (second) {
                    secondSockets.add(socket);
                }
                assertTrue(greeted(socket).getBoolean("authenticated"));
            }
            for (AccountSession session : List.of(onFirst, onSecond)) {
                try (WsClient oneTooMany = session.connect("ws/realtime/")) {
                    assertEquals(1008, oneTooMany.awaitClose(), "the limit counts the sockets on both instances");
                }
            }
            // Either instance reports the whole cluster's sockets and the caller's count over both.
            WsClient.eventually(() -> {
                for (AccountSession session : List.of(onFirst, onSecond)) {
                    JsonObject status = WsClient.parse(session.get("realtime/status/").body());
                    assertEquals(limit, status.getJsonObject("global_stats").getInt("total_connections"), status.toString());
                    assertEquals(1, status.getJsonObject("global_stats").getInt("authenticated_users"), status.toString());
                    assertEquals(limit, status.getJsonObject("user_stats").getInt("connection_count"), status.toString());
                }
            });
            // A socket closed on the second instance frees a slot on the first.
            WsClient closed = secondSockets.get(0);
            sockets.remove(closed);
            closed.close();
            WsClient.eventually(() -> assertEquals(limit - 1, WsClient.parse(onFirst.get("realtime/status/").body())
                    .getJsonObject("user_stats").getInt("connection_count")));
            WsClient again = onFirst.connect("ws/realtime/");
            sockets.add(again);
            assertTrue(greeted(again).getBoolean("authenticated"));
        } finally {
            sockets.forEach(WsClient::close);
        }
    }

    private static java.math.BigDecimal storedPrice(String symbol) throws Exception {
        try (java.sql.Connection db = TestEnvironment.database();
             java.sql.PreparedStatement query = db.prepareStatement("SELECT current_price FROM market_asset WHERE symbol = ?")) {
            query.setString(1, symbol);
            try (java.sql.ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), symbol);
                return row.getBigDecimal(1);
            }
        }
    }

    private static java.math.BigDecimal storedNflxTotal(long portfolio) throws Exception {
        try (java.sql.Connection db = TestEnvironment.database();
             java.sql.PreparedStatement query = db.prepareStatement("SELECT round(sum(p.quantity * a.current_price), 2) FROM market_position p"
                     + " JOIN market_asset a ON a.id = p.asset_id WHERE p.portfolio_id = ?")) {
            query.setLong(1, portfolio);
            try (java.sql.ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return row.getBigDecimal(1);
            }
        }
    }

    @Test
    void aPortfolioWatchedOnOneInstanceIsRevaluedByAPriceForcedOnTheOther() throws Exception {
        bothInstancesSeeOneClusterOfTwo();
        AccountSession owner = AccountSession.newUser(first, "spreadowner");
        HttpResponse<String> created = owner.post("api/portfolios", "{\"name\":\"Across\"}");
        assertEquals(201, created.statusCode(), created.body());
        long id = WsClient.parse(created.body()).getJsonNumber("id").longValue();
        assertEquals(200, owner.post("api/portfolios/" + id + "/positions", "{\"symbol\":\"NFLX\",\"quantity\":4}").statusCode());
        // The simulated feed moves NFLX too: a batch landing between the forced price and the checks
        // below made the frame and the stored total differ (456.34 against 461.45, one CI run in
        // nine). Stopped here, so the forced price is the last one stored; restored afterwards.
        AccountSession admin = admin(first);
        assertEquals(200, admin.post("api/realtime/feed/stop/", null).statusCode());
        try (WsClient onSecond = sameUserOnSecond(owner).connect("ws/realtime/")) {
            greeted(onSecond);
            onSecond.send("{\"type\":\"subscribe_portfolio\",\"data\":{\"portfolio_id\":" + id + "}}");
            JsonObject initial = onSecond.nextJson(frame -> frame.getString("type").equals("portfolio_update"));
            HttpResponse<String> forced = owner.post("api/realtime/force_price_update/", "{\"symbols\":[\"NFLX\"]}");
            assertEquals(200, forced.statusCode(), forced.body());
            JsonObject update = onSecond.nextJson(frame -> frame.getString("type").equals("portfolio_update")).getJsonObject("data");
            assertEquals(id, update.getJsonNumber("portfolio_id").longValue());
            double forcedPrice = WsClient.parse(forced.body()).getJsonArray("updated").getJsonObject(0).getJsonNumber("price").doubleValue();
            // docs/market.md: total_value = Σ quantity × stored price, rounded to 2; here 4 NFLX at the forced price.
            assertEquals(storedNflxTotal(id), update.getJsonNumber("total_value").bigDecimalValue().setScale(2, java.math.RoundingMode.HALF_UP),
                    "before: " + initial + ", after: " + update);
            assertEquals(storedPrice("NFLX").setScale(2, java.math.RoundingMode.HALF_UP).doubleValue(), forcedPrice);
        } finally {
            restoreTheDefaultFeed(admin);
        }
    }
}
