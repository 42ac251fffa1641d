package dev.pulse.market.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.HazelcastClusterState;
import dev.pulse.realtime.cluster.LocalClusterState;
import dev.pulse.support.EmbeddedHazelcast;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two feed instances sharing one (embedded, network-less) Hazelcast: never both leading. */
class FeedLeadershipTest {

    private static HazelcastInstance hazelcast;

    @BeforeAll
    static void startHazelcast() {
        hazelcast = EmbeddedHazelcast.start("leadership-test");
    }

    @AfterAll
    static void stopHazelcast() {
        hazelcast.shutdown();
    }

    private static FeedLeadership instance(ClusterState cluster) {
        FeedLeadership leadership = new FeedLeadership();
        leadership.cluster = cluster;
        return leadership;
    }

    @Test
    void onlyOneInstanceLeadsUntilItReleases() {
        hazelcast.getMap(FeedLeadership.MAP).remove(FeedLeadership.KEY);
        FeedLeadership first = instance(new HazelcastClusterState(hazelcast));
        FeedLeadership second = instance(new HazelcastClusterState(hazelcast));
        assertTrue(first.holdFor(30));
        assertFalse(second.holdFor(30));
        assertTrue(first.holdFor(30), "the leader renews its lease");
        assertFalse(second.holdFor(30));
        first.release();
        assertFalse(first.leading());
        assertTrue(second.holdFor(30), "a released lease is taken at once");
        assertFalse(first.holdFor(30));
        second.release();
    }

    @Test
    void aDeadLeadersLeaseExpires() {
        hazelcast.getMap(FeedLeadership.MAP).remove(FeedLeadership.KEY);
        FeedLeadership dead = instance(new HazelcastClusterState(hazelcast));
        FeedLeadership survivor = instance(new HazelcastClusterState(hazelcast));
        assertTrue(dead.holdFor(1));
        assertFalse(survivor.holdFor(1));
        // The leader stops renewing: within about a second the survivor takes over.
        await().atMost(Duration.ofSeconds(10)).until(() -> survivor.holdFor(1));
        assertFalse(dead.holdFor(1));
        survivor.release();
    }

    @Test
    void withoutHazelcastTheInstanceAlwaysLeads() {
        FeedLeadership alone = instance(new LocalClusterState());
        assertTrue(alone.holdFor(1));
        assertTrue(alone.leading());
    }
}
