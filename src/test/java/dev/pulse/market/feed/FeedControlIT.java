package dev.pulse.market.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.pulse.account.AccountSession;
import dev.pulse.market.Http;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runtime control of the price feed and the on-demand / historical updates, over REST. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FeedControlIT {

    @ArquillianResource
    URL base;

    private Http.Session admin;

    /** The control API is for administrators. */
    private Http.Session admin() {
        if (admin == null) {
            admin = Http.admin(base);
        }
        return admin;
    }

    /** The feed as the server booted it (seed 001 defaults): the server is shared with later test classes. */
    @AfterEach
    void restoreTheDefaults() {
        Http.Reply restored = admin().post("api/realtime/feed/start/", "{\"interval\": 30, \"batch_size\": 50, \"verbose\": false}");
        assertEquals(200, restored.status(), restored.body());
    }

    private static IMap<String, String> leases(HazelcastInstance member) {
        return member.getMap(FeedLeadership.MAP);
    }

    private JsonObject feed() {
        Http.Reply reply = admin().get("api/realtime/feed/");
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static int storedAssets() throws Exception {
        try (Connection db = dev.pulse.support.TestEnvironment.database();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM market_asset");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private WsClient watch(String symbol) {
        WsClient client = WsClient.connect(base, "ws/realtime/");
        client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"" + symbol + "\"}}");
        client.nextJson(frame -> "asset_update".equals(frame.getString("type")));
        return client;
    }

    private static JsonObject nextUpdate(WsClient client) {
        return client.nextJson(frame -> "asset_update".equals(frame.getString("type"))).getJsonObject("data");
    }

    @Test
    void theControlApiIsForAdministratorsAndForcingAnUpdateForLoggedInUsers() {
        AccountSession registered = AccountSession.newUser(base, "feeduser");
        Http.Session user = Http.Session.login(base, registered.username(), AccountSession.PASSWORD);
        List<Http.Reply> anonymous = List.of(Http.get(base, "api/realtime/feed/"), Http.get(base, "api/realtime/feed"),
                Http.post(base, "api/realtime/feed/start/", "{}"), Http.post(base, "api/realtime/feed/stop/", ""),
                Http.put(base, "api/realtime/feed/", "{\"batch_size\": 3}"),
                Http.post(base, "api/realtime/prices/update/", "{\"dry_run\": true}"),
                Http.post(base, "api/realtime/prices/historical/", "{\"days\": 1, \"dry_run\": true}"),
                Http.post(base, "api/realtime/force_price_update/", "{\"symbols\":[\"AAPL\"]}"));
        for (Http.Reply reply : anonymous) {
            assertEquals(401, reply.status(), reply.body());
            assertTrue(reply.contentType().startsWith("application/json"), "JSON, not the login page: " + reply.contentType());
            assertEquals("not_authenticated", reply.json().getString("error"));
        }
        List<Http.Reply> notAdmin = List.of(user.get("api/realtime/feed/"), user.post("api/realtime/feed/start/", "{}"),
                user.post("api/realtime/feed/stop/", ""), user.put("api/realtime/feed/", "{\"batch_size\": 3}"),
                user.post("api/realtime/prices/update/", "{\"dry_run\": true}"),
                user.post("api/realtime/prices/historical/", "{\"days\": 1, \"dry_run\": true}"));
        for (Http.Reply reply : notAdmin) {
            assertEquals(403, reply.status(), reply.body());
            assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
            assertEquals("forbidden", reply.json().getString("error"));
        }
        // None of the refused commands took effect.
        JsonObject status = feed();
        assertTrue(status.getBoolean("running"), status.toString());
        assertEquals(50, status.getInt("batch_size"));

        Http.Reply forced = user.post("api/realtime/force_price_update/", "{\"symbols\":[\"AAPL\"]}");
        assertEquals(200, forced.status(), forced.body());
        assertEquals("AAPL", forced.json().getJsonArray("updated").getJsonObject(0).getString("symbol"));
    }

    @Test
    void reportsItsSettings() {
        JsonObject status = feed();
        assertTrue(status.getBoolean("running"));
        assertTrue(status.get("leader") == JsonValue.TRUE || status.get("leader") == JsonValue.FALSE, status.toString());
        assertEquals(30.0, status.getJsonNumber("interval").doubleValue());
        assertEquals(30_000, status.getJsonNumber("interval_ms").longValue());
        assertEquals(50, status.getInt("batch_size"));
        assertFalse(status.getBoolean("verbose"));
        assertEquals("simulated", status.getString("source"));
    }

    @Test
    void aFastIntervalDrivesUpdatesUntilStopped() {
        try (WsClient client = watch("SYMBOL_XYZ")) {
            // Counted since the (shared) server started: the fast feed's own cycles are the difference.
            long cyclesBefore = feed().getJsonNumber("cycles").longValue();
            Http.Reply started = admin().post("api/realtime/feed/start/", "{\"interval\": 0.2, \"batch_size\": 50, \"verbose\": true}");
            assertEquals(200, started.status(), started.body());
            assertEquals(200, started.json().getJsonNumber("interval_ms").longValue());
            assertTrue(started.json().getBoolean("verbose"));
            Set<Long> volumes = new HashSet<>();
            while (volumes.size() < 3) {
                volumes.add(nextUpdate(client).getJsonNumber("volume").longValue());
            }
            WsClient.eventually(() -> {
                JsonObject status = feed();
                assertTrue(status.getBoolean("leader"), "a single instance always leads");
                assertTrue(status.getJsonNumber("cycles").longValue() >= cyclesBefore + 3, status + " after " + cyclesBefore);
                assertEquals(JsonValue.NULL, status.getOrDefault("last_error", JsonValue.NULL));
            });

            Http.Reply stopped = admin().post("api/realtime/feed/stop/", "");
            assertEquals(200, stopped.status(), stopped.body());
            assertFalse(stopped.json().getBoolean("running"));
            assertFalse(Http.get(base, "realtime/health/").json().getBoolean("price_feed_running"));
            assertEquals("stopped", Http.get(base, "realtime/status/").json().getString("service_status"));
            long cycles = feed().getJsonNumber("cycles").longValue();
            // A stopped feed keeps still: a forced update is the only thing that moves prices now.
            Http.Reply forced = admin().post("api/realtime/force_price_update/", "{\"symbols\":[\"SYMBOL_XYZ\"]}");
            long forcedVolume = forced.json().getJsonArray("updated").getJsonObject(0).getJsonNumber("volume").longValue();
            while (nextUpdate(client).getJsonNumber("volume").longValue() != forcedVolume) {
                // updates of cycles that were running when the stop came
            }
            assertTrue(feed().getJsonNumber("cycles").longValue() <= cycles + 1);
        }
    }

    @Test
    void batchesWalkTheCatalogRoundRobin() {
        admin().post("api/realtime/feed/stop/", "");
        try (WsClient client = WsClient.connect(base, "ws/realtime/")) {
            client.nextJson();
            for (String symbol : new String[] {"AAPL", "TSLA", "SYMBOL_XYZ"}) {
                client.send("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"" + symbol + "\"}}");
                client.nextJson(f -> "asset_update".equals(f.getString("type")));
            }
            Http.Reply started = admin().post("api/realtime/feed/start/", "{\"interval\": 0.2, \"batch_size\": 1}");
            assertEquals(1, started.json().getInt("batch_size"));
            Set<String> seen = new HashSet<>();
            while (seen.size() < 3) {
                seen.add(nextUpdate(client).getString("symbol"));
            }
        }
    }

    @Test
    void configurationChangesAreValidated() {
        Http.Reply put = admin().put("api/realtime/feed/", "{\"batch_size\": 7}");
        assertEquals(200, put.status(), put.body());
        assertEquals(7, put.json().getInt("batch_size"));
        assertTrue(put.json().getBoolean("running"), "configuring does not stop the feed");

        for (String body : new String[] {"{\"interval\": 0}", "{\"interval\": \"fast\"}", "{\"batch_size\": 1.5}",
                "{\"batch_size\": 0}", "{\"verbose\": \"yes\"}"}) {
            Http.Reply reply = admin().post("api/realtime/feed/start/", body);
            assertEquals(400, reply.status(), body + " -> " + reply.body());
            assertEquals("invalid_request", reply.json().getString("error"));
        }
        assertEquals(7, feed().getInt("batch_size"), "a refused command changes nothing");
    }

    @Test
    void updatePricesOnDemandWithDryRun() throws Exception {
        admin().post("api/realtime/feed/stop/", "");
        try (WsClient client = watch("MSFT")) {
            Http.Reply dry = admin().post("api/realtime/prices/update/", "{\"symbols\": \"MSFT\", \"dry_run\": true}");
            assertEquals(200, dry.status(), dry.body());
            assertEquals("dry_run", dry.json().getString("status"));
            JsonObject before = dry.json().getJsonArray("updated").getJsonObject(0);
            Http.Reply again = admin().post("api/realtime/prices/update/", "{\"symbols\": [\"MSFT\"], \"dry_run\": true}");
            assertEquals(before, again.json().getJsonArray("updated").getJsonObject(0), "a dry run writes nothing");

            Http.Reply real = admin().post("api/realtime/prices/update/", "{\"symbols\": [\"MSFT\"]}");
            assertEquals("success", real.json().getString("status"));
            JsonObject after = real.json().getJsonArray("updated").getJsonObject(0);
            assertTrue(after.getJsonNumber("volume").longValue() > before.getJsonNumber("volume").longValue());
            assertEquals(after.getJsonNumber("price").doubleValue(), nextUpdate(client).getJsonNumber("price").doubleValue());

            Http.Reply all = admin().post("api/realtime/prices/update/", "{\"dry_run\": true}");
            assertEquals(storedAssets(), all.json().getInt("count"), "no symbols means every stored asset");
        }
    }

    @Test
    void historicalBackfillWritesEachDayOnce() {
        String body = "{\"symbols\": [\"NFLX\"], \"days\": 5";
        Http.Reply dry = admin().post("api/realtime/prices/historical/", body + ", \"dry_run\": true}");
        assertEquals(200, dry.status(), dry.body());
        assertTrue(dry.json().getBoolean("dry_run"));
        int toWrite = dry.json().getInt("candles_written");
        assertEquals(5, toWrite + dry.json().getInt("days_skipped"));

        Http.Reply real = admin().post("api/realtime/prices/historical/", body + "}");
        assertEquals(200, real.status(), real.body());
        assertEquals(toWrite, real.json().getInt("candles_written"), "the dry run predicted the write");

        Http.Reply repeat = admin().post("api/realtime/prices/historical/", body + "}");
        assertEquals(0, repeat.json().getInt("candles_written"));
        assertEquals(5, repeat.json().getInt("days_skipped"));

        Http.Reply unknown = admin().post("api/realtime/prices/historical/", "{\"symbols\": [\"NOPE_X\"], \"days\": 5}");
        assertEquals(400, unknown.status());
        assertEquals("unknown_symbols", unknown.json().getString("error"));
        Http.Reply zero = admin().post("api/realtime/prices/historical/", "{\"days\": 0}");
        assertEquals(400, zero.status());
    }

    @Test
    void aPriceIsStoredAsAssetHistoryAndCandleBeforeItIsAnnounced() throws Exception {
        admin().post("api/realtime/feed/stop/", "");
        // The same database the server uses (failsafe hands DB_URL to both).
        try (Connection db = DriverManager.getConnection(System.getenv("DB_URL"), System.getenv("DB_USER"), System.getenv("DB_PASSWORD"));
             WsClient client = watch("JPM")) {
            long before = count(db, "select count(*) from market_price_history h join market_asset a on a.id = h.asset_id where a.symbol = 'JPM'");
            Http.Reply reply = admin().post("api/realtime/force_price_update/", "{\"symbols\":[\"JPM\"]}");
            JsonObject updated = reply.json().getJsonArray("updated").getJsonObject(0);
            BigDecimal price = updated.getJsonNumber("price").bigDecimalValue();
            // Announced only after commit: once the update is received, every row is there.
            assertEquals(price.doubleValue(), nextUpdate(client).getJsonNumber("price").doubleValue());

            assertTrue(count(db, "select count(*) from market_price_history h join market_asset a on a.id = h.asset_id where a.symbol = 'JPM'") > before);
            try (PreparedStatement latest = db.prepareStatement(
                    "select h.price, h.volume, a.current_price, a.volume from market_price_history h join market_asset a on a.id = h.asset_id"
                            + " where a.symbol = 'JPM' order by h.id desc limit 1");
                 ResultSet row = latest.executeQuery()) {
                assertTrue(row.next());
                assertEquals(0, price.compareTo(row.getBigDecimal(1).setScale(2, java.math.RoundingMode.HALF_UP)));
                assertEquals(0, price.compareTo(row.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_UP)));
                assertEquals(updated.getJsonNumber("volume").longValue(), row.getLong(4));
            }
            try (PreparedStatement candle = db.prepareStatement(
                    "select c.open_price, c.high_price, c.low_price, c.close_price, c.interval_seconds from market_candle c"
                            + " join market_asset a on a.id = c.asset_id where a.symbol = 'JPM' and c.interval_seconds = 60"
                            + " order by c.open_time desc limit 1");
                 ResultSet row = candle.executeQuery()) {
                assertTrue(row.next(), "the update's candle exists");
                BigDecimal close = row.getBigDecimal(4);
                assertEquals(0, price.compareTo(close.setScale(2, java.math.RoundingMode.HALF_UP)), "the candle closes at the new price");
                assertTrue(row.getBigDecimal(2).compareTo(close) >= 0 && row.getBigDecimal(3).compareTo(close) <= 0);
            }
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void onlyTheHolderOfTheClusterLeasePublishes() {
        // A Hazelcast client in the cluster of the deployment plays another instance holding the lease.
        ClientConfig config = new ClientConfig();
        config.setClusterName(System.getProperty("pulse.it.clusterName"));
        config.getNetworkConfig().addAddress("127.0.0.1:" + System.getProperty("pulse.it.hazelcastPort"));
        HazelcastInstance other = HazelcastClient.newHazelcastClient(config);
        try {
            IMap<String, String> leases = leases(other);
            admin().post("api/realtime/feed/stop/", "");
            leases.put(FeedLeadership.KEY, "another-instance", 30, TimeUnit.SECONDS);
            // Counted since the (shared) server started: this test's follower beats are the difference.
            long beatsBefore = feed().getJsonNumber("follower_beats").longValue();
            admin().post("api/realtime/feed/start/", "{\"interval\": 0.2}");
            long cycles = feed().getJsonNumber("cycles").longValue();
            WsClient.eventually(() -> {
                JsonObject status = feed();
                assertTrue(status.getJsonNumber("follower_beats").longValue() >= beatsBefore + 3, status + " after " + beatsBefore);
                assertFalse(status.getBoolean("leader"));
            });
            assertEquals(cycles, feed().getJsonNumber("cycles").longValue(), "no cycle while another instance leads");
            assertEquals("another-instance", leases.get(FeedLeadership.KEY));

            // The other instance dies without releasing: its lease runs out and this one takes over.
            leases.setTtl(FeedLeadership.KEY, 1, TimeUnit.SECONDS);
            WsClient.eventually(() -> {
                JsonObject status = feed();
                assertTrue(status.getBoolean("leader"), status.toString());
                assertTrue(status.getJsonNumber("cycles").longValue() > cycles);
            });
            String holder = leases.get(FeedLeadership.KEY);
            assertTrue(holder != null && !holder.equals("another-instance"), "the lease is renewed by its new holder: " + holder);

            // Stopping gives the lease up at once.
            admin().post("api/realtime/feed/stop/", "");
            WsClient.eventually(() -> assertEquals(null, leases.get(FeedLeadership.KEY)));
        } finally {
            // The played instance's lease never outlives this test, even when it failed half-way (the server is shared).
            leases(other).remove(FeedLeadership.KEY, "another-instance");
            other.shutdown();
        }
    }
}
