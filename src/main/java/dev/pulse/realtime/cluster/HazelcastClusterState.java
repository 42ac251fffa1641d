package dev.pulse.realtime.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link ClusterState} of a Hazelcast member: maps are its {@code IMap}s and topics its
 * {@code ITopic}s, under the names the callers give (so they are the ones Pulse has always used),
 * and member ids are member UUIDs. The runtime owns the member; this never shuts it down.
 */
public final class HazelcastClusterState implements ClusterState {

    private final HazelcastInstance hazelcast;
    /** Read once: after the member shuts down, asking it again would throw. */
    private final Member local;

    public HazelcastClusterState(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.local = hazelcast.getCluster().getLocalMember();
    }

    @Override
    public <V> SharedMap<V> map(String name) {
        return new HazelcastSharedMap<>(HazelcastSharedMap.call(() -> hazelcast.<String, V>getMap(name)));
    }

    @Override
    public <M> SharedTopic<M> topic(String name) {
        return new HazelcastSharedTopic<>(HazelcastSharedMap.call(() -> hazelcast.<M>getTopic(name)));
    }

    @Override
    public String memberId() {
        return local.getUuid().toString();
    }

    @Override
    public Set<String> memberIds() {
        return HazelcastSharedMap.call(() -> hazelcast.getCluster().getMembers().stream()
                .map(member -> member.getUuid().toString()).collect(Collectors.toSet()));
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public String toString() {
        return "Hazelcast member " + local;
    }
}
