package dev.pulse.market.feed;

import dev.pulse.market.AssetCatalog;
import dev.pulse.market.PriceCache;
import dev.pulse.market.PriceQuote;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The price feed ({@code start_price_feed} of seed 001): a non-persistent EJB interval timer that,
 * on the instance holding the feed lease, reprices the next REALTIME_BATCH_SIZE assets round-robin
 * and stores them ({@link PriceRecorder}, which announces them after commit; {@code live} caches and
 * broadcasts). A cycle counts once its batch is committed; broadcast failures are logged by the
 * broadcaster and do not fail the cycle.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PriceFeed {

    private static final Logger LOG = Logger.getLogger(PriceFeed.class.getName());

    @Resource
    TimerService timers;

    @Resource
    SessionContext context;

    @Inject
    FeedSettings settings;

    @Inject
    PriceSources sources;

    @Inject
    PriceRecorder recorder;

    @Inject
    FeedLeadership leadership;

    @Inject
    FeedControlRelay relay;

    @Inject
    AssetCatalog catalog;

    @Inject
    PriceCache cache;

    private volatile FeedState state;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong followerBeats = new AtomicLong();
    private final AtomicLong cursor = new AtomicLong();
    private volatile Instant lastCycle;
    private volatile String lastError;

    @PostConstruct
    void init() {
        state = relay.shared().orElseGet(() -> FeedState.of(settings.autostart(), settings.intervalMillis(),
                settings.batchSize(), settings.verbose()));
        warmCache();
        PriceFeed self = context.getBusinessObject(PriceFeed.class);
        relay.listen(self::apply);
        schedule();
        LOG.info(() -> "Price feed " + (state.running() ? "started" : "stopped") + ": " + state);
    }

    /** First subscribers get their snapshot from the cache, not from a cold database round trip. */
    private void warmCache() {
        try {
            catalog.all().forEach(asset -> cache.putIfAbsent(PriceQuote.of(asset)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not pre-load the price cache", e);
        }
    }

    @PreDestroy
    void shutdown() {
        relay.listen(null);
        leadership.release();
    }

    /** Changes the feed on every instance (REST commands land here). */
    public FeedState change(FeedState next) {
        FeedState command;
        synchronized (this) {
            command = next.after(state);
            apply(command);
        }
        relay.announce(command);
        return state;
    }

    /** Adopts a command on this instance; one not newer than the current state changes nothing. */
    public synchronized void apply(FeedState next) {
        if (next.revision() <= state.revision() && state.revision() != 0 || next.equals(state)) {
            return;
        }
        state = next;
        schedule();
        LOG.info(() -> "Price feed now " + next);
    }

    public FeedState state() {
        return state;
    }

    public boolean running() {
        return state.running();
    }

    public boolean leading() {
        return state.running() && leadership.leading();
    }

    public long cycles() {
        return cycles.get();
    }

    /** Beats on which another instance held the lease, so this one published nothing. */
    public long followerBeats() {
        return followerBeats.get();
    }

    public Instant lastCycle() {
        return lastCycle;
    }

    public String lastError() {
        return lastError;
    }

    private synchronized void schedule() {
        for (Timer timer : timers.getTimers()) {
            timer.cancel();
        }
        if (state.running()) {
            timers.createIntervalTimer(state.intervalMs(), state.intervalMs(), new TimerConfig("price-feed", false));
        } else {
            leadership.release();
        }
    }

    @Timeout
    void cycle(Timer timer) {
        FeedState current = state;
        // A slow database must not stack cycles on top of each other: skip the beat instead.
        if (!current.running() || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            long leaseSeconds = Math.max(settings.leaseSeconds(), (current.intervalMs() * 3 + 999) / 1000);
            if (!leadership.holdFor(leaseSeconds)) {
                followerBeats.incrementAndGet();
                return;
            }
            List<String> batch = nextBatch(catalog.symbols(), current.batchSize());
            // Committed when it returns; its PricesChanged observers have run on this thread by then.
            List<PriceQuote> quotes = recorder.reprice(batch, sources.current(), Instant.now());
            cycles.incrementAndGet();
            lastCycle = Instant.now();
            lastError = null;
            if (current.verbose()) {
                LOG.info(() -> "Price feed cycle updated " + quotes.size() + " assets: " + quotes);
            }
        } catch (RuntimeException e) {
            lastError = e.toString();
            LOG.log(Level.WARNING, "price feed cycle failed", e);
        } finally {
            busy.set(false);
        }
    }

    private List<String> nextBatch(List<String> symbols, int size) {
        if (symbols.isEmpty()) {
            return List.of();
        }
        int count = Math.min(size, symbols.size());
        long start = cursor.getAndAdd(count);
        List<String> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(symbols.get((int) Math.floorMod(start + i, (long) symbols.size())));
        }
        return batch;
    }
}
