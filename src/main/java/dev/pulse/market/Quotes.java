package dev.pulse.market;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** The current quote of a symbol: the cache first, the database when the cache has let it go. */
@ApplicationScoped
public class Quotes {

    @Inject
    PriceCache cache;

    @Inject
    AssetCatalog catalog;

    public Optional<PriceQuote> current(String symbol) {
        Optional<PriceQuote> cached = cache.get(symbol);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<PriceQuote> stored = catalog.find(symbol).map(PriceQuote::of);
        stored.ifPresent(cache::put);
        return stored;
    }
}
