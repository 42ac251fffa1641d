package dev.pulse.market.feed;

import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.ClusterStoppedException;
import dev.pulse.realtime.cluster.SharedMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides which instance publishes prices: the holder of a lease entry in a shared map, renewed
 * on every cycle and expiring by TTL when its holder dies. A map entry rather than a lock, because
 * Hazelcast locks belong to a thread and timer callbacks arrive on any container thread. On a
 * single instance nobody else competes, so this instance always leads.
 */
@ApplicationScoped
public class FeedLeadership {

    private static final Logger LOG = Logger.getLogger(FeedLeadership.class.getName());
    static final String MAP = "pulse.market.feed";
    static final String KEY = "leader";

    @Inject
    ClusterState cluster;

    private final String me = UUID.randomUUID().toString();
    private volatile boolean leading;

    /** Takes or renews the lease for {@code seconds}; true when this instance holds it now. */
    public boolean holdFor(long seconds) {
        Duration lease = Duration.ofSeconds(seconds);
        SharedMap<String> leases = leases();
        try {
            String holder = leases.putIfAbsent(KEY, me, lease);
            if (holder == null) {
                leading = true;
            } else if (holder.equals(me)) {
                // setTtl is false when the entry expired in between: then compete again.
                leading = leases.setTtl(KEY, lease) || leases.putIfAbsent(KEY, me, lease) == null;
            } else {
                leading = false;
            }
        } catch (ClusterStoppedException e) {
            // The server is stopping (a timer beat raced it): publish nothing more.
            LOG.log(Level.FINE, "feed lease not renewed: the cluster member has shut down", e);
            leading = false;
        }
        return leading;
    }

    /** Gives the lease up at once (the feed was stopped), so another instance need not wait for it. */
    public void release() {
        leading = false;
        try {
            leases().remove(KEY, me);
        } catch (ClusterStoppedException e) {
            // Stopping with the member: the entry expires by its TTL.
            LOG.log(Level.FINE, "feed lease not released: the cluster member has shut down", e);
        }
    }

    public boolean leading() {
        return leading;
    }

    private SharedMap<String> leases() {
        return cluster.map(MAP);
    }
}
