package dev.pulse.realtime.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.pulse.support.EmbeddedHazelcast;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Hazelcast side of the seam on an embedded, network-less member: the maps are the member's
 * IMaps under the caller's names (so a rolling deployment shares them with older instances), the
 * IMap contract the local side copies, and the member's shutdown seen as ClusterStoppedException.
 */
class HazelcastClusterStateTest {

    @Test
    void mapsAndTopicsAreTheMembersOwnUntilItShutsDown() {
        HazelcastInstance hazelcast = EmbeddedHazelcast.start("cluster-state-test");
        ClusterState cluster = new HazelcastClusterState(hazelcast);
        try {
            assertTrue(cluster.clustered());
            assertEquals(Set.of(cluster.memberId()), cluster.memberIds());
            assertEquals(hazelcast.getCluster().getLocalMember().getUuid().toString(), cluster.memberId());

            SharedMap<String> leases = cluster.map("pulse.market.feed");
            assertNull(leases.putIfAbsent("leader", "me", Duration.ofSeconds(30)));
            assertEquals("me", hazelcast.<String, String>getMap("pulse.market.feed").get("leader"), "the same IMap name");
            assertEquals("me", leases.putIfAbsent("leader", "you", Duration.ofSeconds(30)));
            assertTrue(leases.setTtl("leader", Duration.ofSeconds(30)));
            assertEquals(false, leases.remove("leader", "you"));
            assertTrue(leases.remove("leader", "me"));
            assertEquals(false, leases.setTtl("leader", Duration.ofSeconds(30)), "absent");

            SharedMap<String> presence = cluster.map("presence");
            presence.set("room\nann\ni1", "room", Duration.ofSeconds(30));
            presence.set("hall\nbob\ni1", "hall", Duration.ZERO);
            assertEquals(Set.of("room\nann\ni1"), presence.keysWithValue("room"));
            assertEquals(Optional.of("in"), presence.tryLocked("room", Duration.ZERO, Duration.ofSeconds(5),
                    () -> presence.locked("room", () -> "in")));
            assertEquals("x", presence.update("counter", Duration.ofSeconds(30), previous -> previous == null ? "x" : null));
            assertNull(presence.update("counter", Duration.ofSeconds(30), previous -> previous == null ? "x" : null));
            assertNull(presence.get("counter"));

            List<String> got = new CopyOnWriteArrayList<>();
            SharedTopic<String[]> topic = cluster.topic("pulse.groups");
            topic.addListener(frame -> got.add(frame[2]));
            topic.publish(new String[] {"group", "", "text"});
            await().atMost(Duration.ofSeconds(10)).until(() -> got.equals(List.of("text")));
        } finally {
            hazelcast.shutdown();
        }
        assertEquals(cluster.memberId(), cluster.memberId(), "the id outlives the member, for logs and withdrawals");
        assertThrows(ClusterStoppedException.class, () -> cluster.<String>map("pulse.market.feed").get("leader"));
        assertThrows(ClusterStoppedException.class, cluster::memberIds);
    }
}
