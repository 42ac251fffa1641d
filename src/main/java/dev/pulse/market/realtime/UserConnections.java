package dev.pulse.market.realtime;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.pulse.realtime.HazelcastLookup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * MAX_CONNECTIONS_PER_USER over the whole cluster. Each instance owns one entry per user,
 * {@code user|member-uuid} = its open sockets of that user, in the Hazelcast map
 * {@code pulse.market.user-connections}; admitting a socket sums the entries of the members that
 * are in the cluster now, under the map's lock on the user name. Counting only live members means
 * a crashed instance's sockets stop counting the moment it leaves, without any cleanup. Without
 * Hazelcast (or if it fails) the limit is per instance. Anonymous sockets are never counted.
 */
@ApplicationScoped
public class UserConnections {

    static final String MAP = "pulse.market.user-connections";
    private static final Logger LOG = Logger.getLogger(UserConnections.class.getName());
    /** Bounds how long a lock survives an instance that dies while holding it. */
    private static final long LOCK_LEASE_SECONDS = 10;
    /** How long an opening socket waits for another instance's admission of the same user. */
    private static final long LOCK_WAIT_SECONDS = 5;

    @Inject
    HazelcastLookup hazelcast;

    @Inject
    @ConfigProperty(name = "MAX_CONNECTIONS_PER_USER", defaultValue = "5")
    int maxPerUser;

    /** This instance's sockets per user: the truth the shared entries mirror. */
    private final Map<String, Integer> local = new ConcurrentHashMap<>();
    private ConnectionLimits standalone;

    @PostConstruct
    void init() {
        standalone = new ConnectionLimits(maxPerUser);
    }

    /** Counts a new socket of {@code user}; false (not counted) when the user already has the most allowed. */
    public boolean admit(String user) {
        if (user == null) {
            return true;
        }
        Optional<HazelcastInstance> cluster = hazelcast.instance();
        if (cluster.isPresent()) {
            try {
                return admitClustered(cluster.get(), user);
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

    public void release(String user) {
        if (user == null) {
            return;
        }
        standalone.release(user);
        Integer left = local.computeIfPresent(user, (u, count) -> count <= 1 ? null : count - 1);
        hazelcast.instance().ifPresent(hz -> {
            try {
                IMap<String, Integer> counts = hz.getMap(MAP);
                if (!tryLock(counts, user)) {
                    // Without the lock, still withdraw the socket: a count too high would lock the user out.
                    mirror(counts, hz, user);
                    return;
                }
                try {
                    mirror(counts, hz, user);
                } finally {
                    counts.unlock(user);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "releasing a cluster-wide connection count failed", e);
            }
        });
    }

    /** The user's sockets on every live instance (this one only without a cluster). */
    public int count(String user) {
        if (user == null) {
            return 0;
        }
        return hazelcast.instance().map(hz -> {
            try {
                return total(hz.getMap(MAP), hz, user);
            } catch (RuntimeException e) {
                return local.getOrDefault(user, 0);
            }
        }).orElseGet(() -> local.getOrDefault(user, 0));
    }

    private boolean admitClustered(HazelcastInstance hz, String user) {
        IMap<String, Integer> counts = hz.getMap(MAP);
        if (!tryLock(counts, user)) {
            throw new IllegalStateException("the cluster-wide count of " + user + " stayed locked for " + LOCK_WAIT_SECONDS + " s");
        }
        try {
            if (total(counts, hz, user) >= maxPerUser) {
                return false;
            }
            standalone.admit(user);
            local.merge(user, 1, Integer::sum);
            mirror(counts, hz, user);
            return true;
        } finally {
            counts.unlock(user);
        }
    }

    private static boolean tryLock(IMap<String, Integer> counts, String user) {
        try {
            return counts.tryLock(user, LOCK_WAIT_SECONDS, TimeUnit.SECONDS, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void mirror(IMap<String, Integer> counts, HazelcastInstance hz, String user) {
        String key = key(user, hz.getCluster().getLocalMember());
        Integer mine = local.get(user);
        if (mine == null) {
            counts.delete(key);
        } else {
            counts.set(key, mine);
        }
    }

    private static int total(IMap<String, Integer> counts, HazelcastInstance hz, String user) {
        Set<String> keys = hz.getCluster().getMembers().stream().map(member -> key(user, member)).collect(Collectors.toSet());
        return counts.getAll(keys).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String key(String user, Member member) {
        // Usernames cannot contain '|' (accounts allow A-Z a-z 0-9 . _ -).
        return user + "|" + member.getUuid();
    }
}
