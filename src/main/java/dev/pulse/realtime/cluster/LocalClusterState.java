package dev.pulse.realtime.cluster;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ClusterState} of an instance without a cluster: maps and topics live in this JVM,
 * with the same contracts as on Hazelcast (TTLs, putIfAbsent, per-key locks), so callers need no
 * second code path; the only member is this one, under a random id.
 */
public final class LocalClusterState implements ClusterState {

    /** Entries a map may hold before a write sweeps out the expired ones. */
    static final int SWEEP_FLOOR = 10_000;

    private final Clock clock;
    private final int sweepFloor;
    private final String memberId = UUID.randomUUID().toString();
    private final Map<String, LocalSharedMap<?>> maps = new ConcurrentHashMap<>();
    private final Map<String, LocalSharedTopic<?>> topics = new ConcurrentHashMap<>();

    public LocalClusterState() {
        this(Clock.systemUTC(), SWEEP_FLOOR);
    }

    /** {@code clock} decides expiry (tests move it); {@code sweepFloor} is the smallest size that triggers a sweep. */
    LocalClusterState(Clock clock, int sweepFloor) {
        this.clock = clock;
        this.sweepFloor = sweepFloor;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> SharedMap<V> map(String name) {
        return (SharedMap<V>) maps.computeIfAbsent(name, n -> new LocalSharedMap<V>(clock, sweepFloor));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M> SharedTopic<M> topic(String name) {
        return (SharedTopic<M>) topics.computeIfAbsent(name, n -> new LocalSharedTopic<M>(n));
    }

    @Override
    public String memberId() {
        return memberId;
    }

    @Override
    public Set<String> memberIds() {
        return Set.of(memberId);
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public String toString() {
        return "local to this instance (no Hazelcast member)";
    }
}
