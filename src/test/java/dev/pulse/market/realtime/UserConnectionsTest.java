package dev.pulse.market.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.realtime.cluster.LocalClusterState;
import org.junit.jupiter.api.Test;

/** Without a cluster the limit holds per instance; the clustered path is covered by MarketRealtimeIT and ClusterIT. */
class UserConnectionsTest {

    private static UserConnections standalone(int max) {
        UserConnections connections = new UserConnections();
        connections.cluster = new LocalClusterState();
        connections.maxPerUser = max;
        connections.init();
        return connections;
    }

    @Test
    void aUserGetsAtMostTheLimitUntilOneCloses() {
        UserConnections connections = standalone(2);
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
        UserConnections connections = standalone(1);
        for (int i = 0; i < 5; i++) {
            assertTrue(connections.admit(null));
        }
        connections.release(null);
        assertEquals(0, connections.count(null));
    }
}
