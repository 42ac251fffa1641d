package dev.pulse.market;

import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.SharedMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Latest quotes, shared by the cluster in the map {@code pulse.market.prices} (this instance's
 * alone without a cluster), each kept for REALTIME_CACHE_TIMEOUT seconds. Values travel as JSON
 * text so no application class has to be loadable by another member's class loader.
 */
@ApplicationScoped
public class PriceCache {

    static final String MAP = "pulse.market.prices";

    @Inject
    ClusterState cluster;

    @Inject
    JsonCodec codec;

    @Inject
    @ConfigProperty(name = "REALTIME_CACHE_TIMEOUT", defaultValue = "300")
    long ttlSeconds;

    public void put(PriceQuote quote) {
        prices().set(quote.symbol(), codec.encode(quote), Duration.ofSeconds(ttlSeconds));
    }

    /** Puts a quote read from the database unless a (newer) one is already cached. */
    public void putIfAbsent(PriceQuote quote) {
        prices().putIfAbsent(quote.symbol(), codec.encode(quote), Duration.ofSeconds(ttlSeconds));
    }

    public Optional<PriceQuote> get(String symbol) {
        String json = prices().get(symbol);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decode(json, PriceQuote.class));
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
    }

    private SharedMap<String> prices() {
        return cluster.map(MAP);
    }
}
