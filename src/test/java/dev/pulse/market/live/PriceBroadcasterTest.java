package dev.pulse.market.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.market.PortfolioValuation;
import dev.pulse.market.PortfolioValue;
import dev.pulse.market.PriceCache;
import dev.pulse.market.PriceQuote;
import dev.pulse.market.PricesChanged;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.FakeSocket;
import dev.pulse.realtime.HubHarness;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Committed prices as clients get them (issue 11): {@link PriceBroadcaster} observing
 * {@link PricesChanged} over the real hub ({@link HubHarness}). The cache and the portfolio
 * valuation are in-memory stand-ins that write down what was asked of them; the hub's topic (local:
 * listeners on the publishing thread) writes down each broadcast, so {@link #steps} is the exact
 * order of cache writes, broadcasts and portfolio look-ups. That the observer runs only after a
 * commit is the container's part: checked here on the annotation, end to end in the *IT tests.
 */
class PriceBroadcasterTest {

    private static final PriceQuote AAPL = new PriceQuote("AAPL", 187.25, 1.5, 0.81, 1200, 188.0, 185.1);
    private static final PriceQuote MSFT = new PriceQuote("MSFT", 410.0, -2.25, -0.55, 800, 413.5, 409.0);
    private static final PriceQuote NVDA = new PriceQuote("NVDA", 95.5, 0.5, 0.53, 4000, 96.0, 94.0);

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final Map<String, PriceQuote> cached = new ConcurrentHashMap<>();
    private final Set<String> uncacheable = ConcurrentHashMap.newKeySet();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(PriceBroadcaster.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private HubHarness harness;
    private PriceBroadcaster broadcaster;
    private volatile boolean valuationDown;

    @BeforeEach
    void wire() {
        harness = HubHarness.start();
        harness.cluster().<String[]>topic("pulse.groups").addListener(frame ->
                steps.add("broadcast " + frame[0] + " key " + frame[1]));
        PortfolioUpdates portfolios = new PortfolioUpdates();
        portfolios.hub = harness.hub();
        portfolios.valuation = new PortfolioValuation() {
            @Override
            public List<Long> holding(Collection<String> symbols) {
                steps.add("holding " + symbols);
                if (valuationDown) {
                    throw new IllegalStateException("database down");
                }
                return symbols.contains("AAPL") ? List.of(7L) : List.of();
            }

            @Override
            public Optional<PortfolioValue> value(long id) {
                return Optional.of(new PortfolioValue(id, "Tech", 18725.0, 150.0, 0.81));
            }
        };
        broadcaster = new PriceBroadcaster();
        broadcaster.hub = harness.hub();
        broadcaster.portfolios = portfolios;
        broadcaster.cache = new PriceCache() {
            @Override
            public void put(PriceQuote quote) {
                steps.add("cache " + quote.symbol());
                if (uncacheable.contains(quote.symbol())) {
                    throw new IllegalStateException("cluster stopped");
                }
                cached.put(quote.symbol(), quote);
            }

            @Override
            public Optional<PriceQuote> get(String symbol) {
                return Optional.ofNullable(cached.get(symbol));
            }
        };
        log.addHandler(capture);
        log.setUseParentHandlers(false);
    }

    @AfterEach
    void stop() {
        log.removeHandler(capture);
        log.setUseParentHandlers(true);
        harness.close();
    }

    @Test
    void observesAfterSuccessOnly() throws Exception {
        Observes observes = PriceBroadcaster.class.getDeclaredMethod("pricesChanged", PricesChanged.class)
                .getParameters()[0].getAnnotation(Observes.class);
        assertEquals(TransactionPhase.AFTER_SUCCESS, observes.during());
    }

    @Test
    void eachQuoteIsCachedThenSentConflatedBySymbolThenThePortfoliosHoldingThem() {
        FakeSocket socket = FakeSocket.open();
        Connection connection = harness.open(socket);
        harness.hub().join(MarketGroups.asset("AAPL"), connection);
        harness.hub().join(MarketGroups.asset("MSFT"), connection);
        harness.hub().join(MarketGroups.portfolio(7), connection);

        broadcaster.pricesChanged(new PricesChanged(List.of(AAPL, MSFT)));

        assertEquals(List.of(
                "cache AAPL", "broadcast market.asset.AAPL key AAPL",
                "cache MSFT", "broadcast market.asset.MSFT key MSFT",
                "holding [AAPL, MSFT]", "broadcast market.portfolio.7 key portfolio:7"), steps);
        assertAssetUpdate(AAPL, socket.nextFrame());
        assertAssetUpdate(MSFT, socket.nextFrame());
        JsonObject portfolio = json(socket.nextFrame());
        assertEquals("portfolio_update", portfolio.getString("type"));
        assertEquals(json("{\"portfolio_id\":7,\"name\":\"Tech\",\"total_value\":18725.0,\"daily_change\":150.0,"
                + "\"daily_change_percent\":0.81}"), portfolio.getJsonObject("data"));
        assertEquals(Map.of("AAPL", AAPL, "MSFT", MSFT), cached);
        assertTrue(logged.isEmpty(), logged.toString());
    }

    @Test
    void aSubscriberThatGotAPriceReadsItOrANewerOneFromTheCache() {
        FakeSocket socket = FakeSocket.open();
        harness.hub().join(MarketGroups.asset("AAPL"), harness.open(socket));
        PriceQuote later = new PriceQuote("AAPL", 187.5, 1.75, 0.94, 1300, 188.0, 185.1);

        broadcaster.pricesChanged(new PricesChanged(List.of(AAPL)));
        broadcaster.pricesChanged(new PricesChanged(List.of(later)));

        // Batches go out in the order they were committed; each was cached before it was sent.
        assertAssetUpdate(AAPL, socket.nextFrame());
        assertAssetUpdate(later, socket.nextFrame());
        assertEquals(Optional.of(later), broadcaster.cache.get("AAPL"));
    }

    @Test
    void aQuoteThatCannotBeCachedIsNotSentTheOthersAndThePortfoliosAreAndOneWarningSaysSo() {
        uncacheable.add("MSFT");
        FakeSocket socket = FakeSocket.open();
        Connection connection = harness.open(socket);
        harness.hub().join(MarketGroups.asset("MSFT"), connection);
        harness.hub().join(MarketGroups.asset("NVDA"), connection);

        broadcaster.pricesChanged(new PricesChanged(List.of(AAPL, MSFT, NVDA)));

        assertEquals(List.of(
                "cache AAPL", "broadcast market.asset.AAPL key AAPL",
                "cache MSFT",
                "cache NVDA", "broadcast market.asset.NVDA key NVDA",
                "holding [AAPL, MSFT, NVDA]", "broadcast market.portfolio.7 key portfolio:7"), steps);
        assertAssetUpdate(NVDA, socket.nextFrame());
        assertFalse(cached.containsKey("MSFT"));
        assertEquals(1, logged.size(), logged.toString());
        assertEquals(Level.WARNING, logged.get(0).getLevel());
        assertTrue(logged.get(0).getMessage().contains("[MSFT]"), logged.get(0).getMessage());
    }

    @Test
    void aFailingPortfolioValuationKeepsTheQuotesAndIsOneWarning() {
        valuationDown = true;
        uncacheable.add("AAPL");
        FakeSocket socket = FakeSocket.open();
        harness.hub().join(MarketGroups.asset("MSFT"), harness.open(socket));

        broadcaster.pricesChanged(new PricesChanged(List.of(AAPL, MSFT)));

        assertAssetUpdate(MSFT, socket.nextFrame());
        assertEquals(1, logged.size(), logged.toString());
        LogRecord warning = logged.get(0);
        assertEquals(Level.WARNING, warning.getLevel());
        assertTrue(warning.getMessage().contains("[AAPL, portfolios]"), warning.getMessage());
        assertEquals("cluster stopped", warning.getThrown().getMessage());
        assertEquals("database down", warning.getThrown().getSuppressed()[0].getMessage());
    }

    /** Seed 001's frame, unchanged: {@code {"type":"asset_update","data":{quote},"timestamp":"...Z"}}. */
    private static void assertAssetUpdate(PriceQuote quote, String frame) {
        JsonObject message = json(frame);
        assertEquals(Set.of("type", "data", "timestamp"), message.keySet());
        assertEquals("asset_update", message.getString("type"));
        assertEquals(json("{\"symbol\":\"" + quote.symbol() + "\",\"price\":" + quote.price() + ",\"change\":" + quote.change()
                + ",\"change_percent\":" + quote.changePercent() + ",\"volume\":" + quote.volume() + ",\"high\":" + quote.high()
                + ",\"low\":" + quote.low() + "}"), message.getJsonObject("data"));
        assertTrue(message.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), frame);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
