package dev.pulse.market.feed;

import com.hazelcast.map.IMap;
import dev.pulse.realtime.HazelcastLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Decides which instance publishes prices: the holder of a lease entry in a Hazelcast map, renewed
 * on every cycle and expiring by TTL when its holder dies. A map entry rather than a lock, because
 * Hazelcast locks belong to a thread and timer callbacks arrive on any container thread. Without
 * Hazelcast this instance is alone and always leads.
 */
@ApplicationScoped
public class FeedLeadership {

    static final String MAP = "pulse.market.feed";
    static final String KEY = "leader";

    @Inject
    HazelcastLookup hazelcast;

    private final String me = UUID.randomUUID().toString();
    private volatile boolean leading;

    /** Takes or renews the lease for {@code seconds}; true when this instance holds it now. */
    public boolean holdFor(long seconds) {
        Optional<IMap<String, String>> map = map();
        if (map.isEmpty()) {
            leading = true;
            return true;
        }
        IMap<String, String> leases = map.get();
        String holder = leases.putIfAbsent(KEY, me, seconds, TimeUnit.SECONDS);
        if (holder == null) {
            leading = true;
        } else if (holder.equals(me)) {
            // setTtl is false when the entry expired in between: then compete again.
            leading = leases.setTtl(KEY, seconds, TimeUnit.SECONDS)
                    || leases.putIfAbsent(KEY, me, seconds, TimeUnit.SECONDS) == null;
        } else {
            leading = false;
        }
        return leading;
    }

    /** Gives the lease up at once (the feed was stopped), so another instance need not wait for it. */
    public void release() {
        leading = false;
        map().ifPresent(leases -> leases.remove(KEY, me));
    }

    public boolean leading() {
        return leading;
    }

    private Optional<IMap<String, String>> map() {
        return hazelcast.instance().map(hz -> hz.getMap(MAP));
    }
}
