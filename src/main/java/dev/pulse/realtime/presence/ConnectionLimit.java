package dev.pulse.realtime.presence;

import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.SharedMap;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A per-user limit on open sockets over the whole cluster: admission, release and the user's
 * cluster-wide socket count. Each instance owns one entry per user, {@code user|member-id} = its
 * open sockets of that user, in the shared map the feature names; admitting a socket sums the
 * entries of the members that are in the cluster now, under the map's lock on the user name
 * (waiting at most {@link #LOCK_WAIT}, leased for {@link #LOCK_LEASE}). Counting only live members
 * means a crashed instance's sockets stop counting the moment it leaves, without any cleanup or
 * TTL. When the cluster state is not clustered, or a cluster operation fails, the limit is per
 * instance ({@link InstanceConnectionLimit}). Anonymous sockets ({@code null} user) are never
 * counted. User names must not contain {@code '|'}.
 */
public final class ConnectionLimit {

    private static final Logger LOG = Logger.getLogger(ConnectionLimit.class.getName());
    /** Bounds how long a lock survives an instance that dies while holding it. */
    static final Duration LOCK_LEASE = Duration.ofSeconds(10);
    /** How long an opening socket waits for another instance's admission of the same user. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    private final ClusterState cluster;
    private final String mapName;
    private final int maxPerUser;
    /** This instance's sockets per user: the truth the shared entries mirror. */
    private final Map<String, Integer> local = new ConcurrentHashMap<>();
    private final InstanceConnectionLimit standalone;

    /** {@code mapName}: the feature's own shared map of counts; {@code maxPerUser}: sockets a user may hold. */
    public ConnectionLimit(ClusterState cluster, String mapName, int maxPerUser) {
        this.cluster = cluster;
        this.mapName = mapName;
        this.maxPerUser = maxPerUser;
        this.standalone = new InstanceConnectionLimit(maxPerUser);
    }

    /**
     * Counts a new socket of {@code user}; false (not counted) when the user already has the most
     * allowed. A cluster failure (including the lock staying taken for {@link #LOCK_WAIT}) is logged
     * and the socket is judged against this instance's count instead: refusing everyone while the
     * cluster is unwell would be worse than a limit that briefly holds per instance.
     */
    public boolean admit(String user) {
        if (user == null) {
            return true;
        }
        if (cluster.clustered()) {
            try {
                return admitClustered(user);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cluster-wide connection count failed; counting on this instance", e);
            }
        }
        if (!standalone.admit(user)) {
            return false;
        }
        local.merge(user, 1, Integer::sum);
        return true;
    }

    /** A socket of {@code user} that {@link #admit} counted has closed. Never throws (cluster failures are logged). */
    public void release(String user) {
        if (user == null) {
            return;
        }
        standalone.release(user);
        local.computeIfPresent(user, (u, count) -> count <= 1 ? null : count - 1);
        if (!cluster.clustered()) {
            return;
        }
        try {
            SharedMap<Integer> counts = counts();
            if (counts.tryLocked(user, LOCK_WAIT, LOCK_LEASE, () -> mirror(counts, user)).isEmpty()) {
                // Without the lock, still withdraw the socket: a count too high would lock the user out.
                mirror(counts, user);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "releasing a cluster-wide connection count failed", e);
        }
    }

    /** The user's sockets on every live instance (this one's only without a cluster, or when it fails); 0 for anonymous. */
    public int count(String user) {
        if (user == null) {
            return 0;
        }
        if (cluster.clustered()) {
            try {
                return total(counts(), user);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "reading the cluster-wide connection count failed; counting this instance's", e);
            }
        }
        return local.getOrDefault(user, 0);
    }

    private boolean admitClustered(String user) {
        SharedMap<Integer> counts = counts();
        return counts.tryLocked(user, LOCK_WAIT, LOCK_LEASE, () -> {
            if (total(counts, user) >= maxPerUser) {
                return false;
            }
            standalone.admit(user);
            local.merge(user, 1, Integer::sum);
            mirror(counts, user);
            return true;
        }).orElseThrow(() -> new IllegalStateException(
                "the cluster-wide count of " + user + " stayed locked for " + LOCK_WAIT.toSeconds() + " s"));
    }

    /** Writes this instance's sockets of the user into its entry; returns true (for locked sections). */
    private boolean mirror(SharedMap<Integer> counts, String user) {
        String key = key(user, cluster.memberId());
        Integer mine = local.get(user);
        if (mine == null) {
            counts.delete(key);
        } else {
            counts.set(key, mine);
        }
        return true;
    }

    private int total(SharedMap<Integer> counts, String user) {
        Set<String> keys = cluster.memberIds().stream().map(member -> key(user, member)).collect(Collectors.toSet());
        return counts.getAll(keys).values().stream().mapToInt(Integer::intValue).sum();
    }

    private SharedMap<Integer> counts() {
        return cluster.map(mapName);
    }

    private static String key(String user, String memberId) {
        return user + "|" + memberId;
    }
}
