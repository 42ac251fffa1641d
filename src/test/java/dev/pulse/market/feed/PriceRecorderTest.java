package dev.pulse.market.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.market.Asset;
import dev.pulse.market.PriceQuote;
import dev.pulse.market.PriceSource;
import dev.pulse.market.PricesChanged;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed's side of issue 11: {@link PriceRecorder#reprice} announces each stored batch once, as
 * {@link PricesChanged}, after writing it and inside its transaction (observers take it after the
 * commit). The database is a stand-in {@code EntityManager} that finds the assets and writes down
 * what is persisted; {@link #steps} is the order of writes and the announcement.
 */
class PriceRecorderTest {

    private static final Instant MORNING = Instant.parse("2026-01-15T10:30:00Z");

    private final Map<String, Asset> table = Map.of(
            "AAPL", new Asset("AAPL", "Apple", "stock", new BigDecimal("180"), MORNING),
            "MSFT", new Asset("MSFT", "Microsoft", "stock", new BigDecimal("400"), MORNING));
    private final List<String> steps = new ArrayList<>();
    private final List<PricesChanged> announced = new ArrayList<>();
    private final PriceSource source = new PriceSource() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public Trade next(String symbol, BigDecimal current) {
            return new Trade(current.add(BigDecimal.ONE), 10);
        }
    };
    private PriceRecorder recorder;

    @BeforeEach
    void wire() {
        FeedSettings settings = new FeedSettings();
        settings.candleSeconds = 60;
        recorder = new PriceRecorder();
        recorder.settings = settings;
        recorder.em = entityManager();
        recorder.changed = event();
    }

    @Test
    void repriceRunsInATransactionSoItsAnnouncementWaitsForTheCommit() throws Exception {
        Transactional tx = PriceRecorder.class.getMethod("reprice", Collection.class, PriceSource.class, Instant.class)
                .getAnnotation(Transactional.class);
        assertEquals(Transactional.TxType.REQUIRED, tx.value());
    }

    @Test
    void aStoredBatchIsAnnouncedOnceAfterItsWritesWithTheQuotesReturned() {
        List<PriceQuote> quotes = recorder.reprice(List.of("MSFT", "AAPL"), source, MORNING.plusSeconds(5));

        assertEquals(List.of("AAPL", "MSFT"), quotes.stream().map(PriceQuote::symbol).toList());
        assertEquals(181.0, quotes.get(0).price());
        assertEquals(List.of(new PricesChanged(quotes)), announced);
        assertEquals(List.of("AAPL", "MSFT"), announced.get(0).symbols());
        assertEquals(List.of("persist PricePoint", "persist Candle", "persist PricePoint", "persist Candle",
                "fire [AAPL, MSFT]"), steps);
    }

    @Test
    void aBatchThatStoredNothingAnnouncesNothing() {
        assertTrue(recorder.reprice(List.of(), source, MORNING).isEmpty());
        assertTrue(recorder.reprice(List.of("XYZ"), source, MORNING).isEmpty());

        assertEquals(List.of(), announced);
        assertEquals(List.of(), steps);
    }

    @SuppressWarnings("unchecked")
    private Event<PricesChanged> event() {
        return (Event<PricesChanged>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Event.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("fire")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    PricesChanged event = (PricesChanged) args[0];
                    steps.add("fire " + event.symbols());
                    announced.add(event);
                    return null;
                });
    }

    /** Finds assets by symbol (in symbol order), no open candle, and writes down what is persisted. */
    private EntityManager entityManager() {
        return (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "persist" -> {
                        steps.add("persist " + args[0].getClass().getSimpleName());
                        yield null;
                    }
                    case "createQuery" -> query((Class<?>) args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private TypedQuery<?> query(Class<?> type) {
        List<Collection<?>> symbols = new ArrayList<>();
        return (TypedQuery<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TypedQuery.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setParameter" -> {
                        if (args[0].equals("symbols")) {
                            symbols.add((Collection<?>) args[1]);
                        }
                        yield proxy;
                    }
                    case "setLockMode" -> proxy;
                    case "getResultList" -> type == Asset.class
                            ? symbols.get(0).stream().map(table::get).filter(a -> a != null)
                                    .sorted(Comparator.comparing(Asset::symbol)).toList()
                            : List.of();
                    case "getResultStream" -> Stream.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
