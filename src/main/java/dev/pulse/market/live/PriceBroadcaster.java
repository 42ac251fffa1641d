package dev.pulse.market.live;

import dev.pulse.market.PriceCache;
import dev.pulse.market.PriceQuote;
import dev.pulse.market.PricesChanged;
import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends committed prices to clients: per quote, the shared cache, then {@code asset_update} to the
 * symbol's group; then {@code portfolio_update} to the portfolios holding any of them.
 *
 * <p>Observes {@link PricesChanged} after its transaction committed ({@code AFTER_SUCCESS}, issue 11,
 * Cargo Tracker's "events after commit"): a rolled-back batch is never cached or sent. The
 * observer is synchronous, on the thread that commits (the feed's EJB timer thread, or a REST
 * request's), one call per batch, so a symbol's prices go out in the order they were stored.
 *
 * <p>Portfolios are read in a transaction of its own ({@code REQUIRES_NEW}): the batch's has
 * committed, and WildFly's pool will not enlist a connection in it any more (Payara's would).
 *
 * <p>The cache is written here, before each broadcast, and not by the feed: a subscriber that joins
 * and reads {@code Quotes.current} then never gets an older price than the last one broadcast, and
 * nothing uncommitted is ever cached.
 */
@ApplicationScoped
public class PriceBroadcaster {

    private static final Logger LOG = Logger.getLogger(PriceBroadcaster.class.getName());

    @Inject
    PriceCache cache;

    @Inject
    Hub hub;

    @Inject
    PortfolioUpdates portfolios;

    /**
     * Each quote on its own: one that fails (its cache write or its broadcast; it is then not
     * broadcast) does not keep the others or the portfolios from going out. Failures are logged
     * once a batch, at WARNING, and not thrown: the batch is committed whatever happens here.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void pricesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PricesChanged event) {
        List<String> failed = new ArrayList<>();
        RuntimeException failure = null;
        for (PriceQuote quote : event.quotes()) {
            try {
                cache.put(quote);
                // Conflated by symbol: a slow client gets the newest price, never a backlog of old ones.
                hub.broadcast(MarketGroups.asset(quote.symbol()), RealtimeMessage.of("asset_update", quote), quote.symbol());
            } catch (RuntimeException e) {
                failed.add(quote.symbol());
                failure = collect(failure, e);
            }
        }
        try {
            portfolios.pricesChanged(event.symbols());
        } catch (RuntimeException e) {
            failed.add("portfolios");
            failure = collect(failure, e);
        }
        if (failure != null) {
            LOG.log(Level.WARNING, "committed prices not all sent, failed: " + failed, failure);
        }
    }

    private static RuntimeException collect(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        if (first != next) {
            first.addSuppressed(next);
        }
        return first;
    }
}
