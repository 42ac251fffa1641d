package dev.pulse.market.live;

import dev.pulse.market.PortfolioValuation;
import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;

/** Re-values the portfolios touched by new prices and sends {@code portfolio_update} to their watchers. */
@ApplicationScoped
public class PortfolioUpdates {

    @Inject
    PortfolioValuation valuation;

    @Inject
    Hub hub;

    public void pricesChanged(Collection<String> symbols) {
        for (Long id : valuation.holding(symbols)) {
            holdingsChanged(id);
        }
    }

    /** After a committed change of the portfolio's positions, or of a price it holds. */
    public void holdingsChanged(long id) {
        valuation.value(id).ifPresent(value -> hub.broadcast(MarketGroups.portfolio(id),
                RealtimeMessage.of("portfolio_update", value), "portfolio:" + id));
    }
}
