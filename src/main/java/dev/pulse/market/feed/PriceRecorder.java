package dev.pulse.market.feed;

import dev.pulse.market.Asset;
import dev.pulse.market.Candle;
import dev.pulse.market.Ohlc;
import dev.pulse.market.PricePoint;
import dev.pulse.market.PriceQuote;
import dev.pulse.market.PriceSource;
import dev.pulse.market.PricesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Moves prices and writes them down: the asset, one history row and the candle it falls in, in
 * one transaction, and announces them: {@link PricesChanged} is fired inside that transaction and
 * observed after it commits ({@code AFTER_SUCCESS}, issue 11), so nothing is announced that was not
 * stored. Callers neither cache nor broadcast; {@code live.PriceBroadcaster} does.
 */
@ApplicationScoped
public class PriceRecorder {

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    @Inject
    FeedSettings settings;

    @Inject
    Event<PricesChanged> changed;

    /**
     * Takes the next trade of each symbol from {@code source}; returns the new quotes, in symbol
     * order. Symbols without an asset are skipped. Joins the caller's transaction if there is one
     * (then the announcement waits for that one's commit), else commits before it returns, after
     * the synchronous {@code AFTER_SUCCESS} observers ran on this thread.
     */
    @Transactional
    public List<PriceQuote> reprice(Collection<String> symbols, PriceSource source, Instant at) {
        List<PriceQuote> quotes = new ArrayList<>();
        if (symbols.isEmpty()) {
            return quotes;
        }
        // Locked in symbol order: two concurrent updates of overlapping batches queue, never deadlock.
        List<Asset> assets = em.createQuery("select a from Asset a where a.symbol in :symbols order by a.symbol", Asset.class)
                .setParameter("symbols", symbols)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        for (Asset asset : assets) {
            PriceSource.Trade trade = source.next(asset.symbol(), asset.currentPrice());
            asset.reprice(trade.price(), trade.volume(), at);
            em.persist(new PricePoint(asset, asset.currentPrice(), trade.volume(), source.name(), at));
            addToCandle(asset, at, trade.volume());
            quotes.add(PriceQuote.of(asset));
        }
        if (!quotes.isEmpty()) {
            // Synchronous fire inside the transaction: observers run after commit, batch by batch.
            changed.fire(new PricesChanged(quotes));
        }
        return quotes;
    }

    private void addToCandle(Asset asset, Instant at, long volume) {
        int interval = settings.candleSeconds();
        Optional<Candle> open = candle(asset, interval, Ohlc.bucket(at, interval));
        if (open.isPresent()) {
            open.get().copy(open.get().bar().add(at, asset.currentPrice(), volume));
        } else {
            em.persist(new Candle(asset, Ohlc.start(at, interval, asset.currentPrice(), volume)));
        }
    }

    public Optional<Candle> candle(Asset asset, int interval, Instant openTime) {
        return em.createQuery("select c from Candle c where c.asset = :asset and c.intervalSeconds = :interval"
                        + " and c.openTime = :openTime", Candle.class)
                .setParameter("asset", asset)
                .setParameter("interval", interval)
                .setParameter("openTime", openTime)
                .getResultStream().findFirst();
    }
}
