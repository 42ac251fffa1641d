package dev.pulse.market.feed;

import dev.pulse.market.PriceCache;
import dev.pulse.market.PriceQuote;
import dev.pulse.market.live.MarketGroups;
import dev.pulse.market.live.PortfolioUpdates;
import dev.pulse.market.live.RealtimeMessage;
import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Announces stored quotes: the shared cache, the symbol's subscribers, the portfolios holding it. */
@ApplicationScoped
public class PricePublisher {

    @Inject
    PriceCache cache;

    @Inject
    Hub hub;

    @Inject
    PortfolioUpdates portfolios;

    public void publish(List<PriceQuote> quotes) {
        for (PriceQuote quote : quotes) {
            cache.put(quote);
            // Conflated by symbol: a slow client gets the newest price, never a backlog of old ones.
            hub.broadcast(MarketGroups.asset(quote.symbol()), RealtimeMessage.of("asset_update", quote), quote.symbol());
        }
        if (!quotes.isEmpty()) {
            portfolios.pricesChanged(quotes.stream().map(PriceQuote::symbol).toList());
        }
    }
}
