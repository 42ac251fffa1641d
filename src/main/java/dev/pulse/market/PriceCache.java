package dev.pulse.market;

import com.hazelcast.map.IMap;
import dev.pulse.realtime.HazelcastLookup;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Latest quotes, shared by the cluster in a Hazelcast map (a local map without one), each kept for
 * REALTIME_CACHE_TIMEOUT seconds. Values travel as JSON text so no application class has to be
 * loadable by another member's class loader.
 */
@ApplicationScoped
public class PriceCache {

    static final String MAP = "pulse.market.prices";

    @Inject
    HazelcastLookup hazelcast;

    @Inject
    JsonCodec codec;

    @Inject
    @ConfigProperty(name = "REALTIME_CACHE_TIMEOUT", defaultValue = "300")
    long ttlSeconds;

    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    private record Local(String json, long expiresAt) {
    }

    public void put(PriceQuote quote) {
        String json = codec.encode(quote);
        Optional<IMap<String, String>> shared = shared();
        if (shared.isPresent()) {
            shared.get().set(quote.symbol(), json, ttlSeconds, TimeUnit.SECONDS);
        } else {
            local.put(quote.symbol(), new Local(json, clock.millis() + ttlSeconds * 1000));
        }
    }

    /** Puts a quote read from the database unless a (newer) one is already cached. */
    public void putIfAbsent(PriceQuote quote) {
        String json = codec.encode(quote);
        Optional<IMap<String, String>> shared = shared();
        if (shared.isPresent()) {
            shared.get().putIfAbsent(quote.symbol(), json, ttlSeconds, TimeUnit.SECONDS);
        } else {
            local.putIfAbsent(quote.symbol(), new Local(json, clock.millis() + ttlSeconds * 1000));
        }
    }

    public Optional<PriceQuote> get(String symbol) {
        String json = shared().map(map -> map.get(symbol)).orElseGet(() -> {
            Local entry = local.get(symbol);
            if (entry == null || entry.expiresAt() < clock.millis()) {
                local.remove(symbol);
                return null;
            }
            return entry.json();
        });
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decode(json, PriceQuote.class));
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
    }

    private Optional<IMap<String, String>> shared() {
        return hazelcast.instance().map(hz -> hz.getMap(MAP));
    }
}
