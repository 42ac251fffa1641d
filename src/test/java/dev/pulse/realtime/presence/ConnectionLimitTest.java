package dev.pulse.realtime.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.pulse.realtime.cluster.HazelcastClusterState;
import dev.pulse.realtime.cluster.LocalClusterState;
import dev.pulse.support.EmbeddedHazelcast;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Without a cluster the limit holds per instance; on one embedded Hazelcast member it holds
 * through the shared entries. Two members (sockets spread over instances) are ClusterIT's.
 */
class ConnectionLimitTest {

    private static ConnectionLimit standalone(int max) {
        return new ConnectionLimit(new LocalClusterState(), "test.user-connections", max);
    }

    @Test
    void aUserGetsAtMostTheLimitUntilOneCloses() {
        ConnectionLimit connections = standalone(2);
        assertTrue(connections.admit("ann"));
        assertTrue(connections.admit("ann"));
        assertFalse(connections.admit("ann"));
        assertEquals(2, connections.count("ann"), "a refused socket is not counted");
        assertTrue(connections.admit("bob"));
        connections.release("ann");
        assertEquals(1, connections.count("ann"));
        assertTrue(connections.admit("ann"));
    }

    @Test
    void anonymousSocketsAreNeverCounted() {
        ConnectionLimit connections = standalone(1);
        for (int i = 0; i < 5; i++) {
            assertTrue(connections.admit(null));
        }
        connections.release(null);
        assertEquals(0, connections.count(null));
    }

    @Test
    void theClusteredCountLivesInTheSharedEntryOfThisMember() {
        HazelcastInstance hazelcast = EmbeddedHazelcast.start("connection-limit-test");
        try {
            HazelcastClusterState cluster = new HazelcastClusterState(hazelcast);
            String map = "test.user-connections." + UUID.randomUUID();
            ConnectionLimit connections = new ConnectionLimit(cluster, map, 2);
            assertTrue(connections.admit("ann"));
            assertTrue(connections.admit("ann"));
            assertFalse(connections.admit("ann"));
            assertEquals(2, cluster.<Integer>map(map).get("ann|" + cluster.memberId()));
            assertEquals(2, new ConnectionLimit(cluster, map, 2).count("ann"), "the count is read from the cluster");

            connections.release("ann");
            connections.release("ann");
            assertEquals(0, connections.count("ann"));
            assertEquals(null, cluster.<Integer>map(map).get("ann|" + cluster.memberId()), "an entry at zero is removed");
        } finally {
            hazelcast.shutdown();
        }
    }
}
