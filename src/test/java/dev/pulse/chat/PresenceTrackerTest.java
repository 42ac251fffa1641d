package dev.pulse.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.HazelcastClusterState;
import dev.pulse.realtime.cluster.LocalClusterState;
import dev.pulse.support.EmbeddedHazelcast;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Pulse instances' trackers sharing one real (embedded, private) Hazelcast member: counts
 * by user across instances, and an instance that stops refreshing drops out after the TTL.
 */
class PresenceTrackerTest {

    private static HazelcastInstance hazelcast;

    /** What a tracker broadcast to the room groups, in order. */
    static final class RecordingHub extends Hub {
        final List<String> broadcasts = new CopyOnWriteArrayList<>();

        @Override
        public void broadcast(String group, Object message) {
            broadcasts.add(group + "=" + ((ChatEvents.OnlineCount) message).onlineCount());
        }

        String last() {
            return broadcasts.isEmpty() ? null : broadcasts.get(broadcasts.size() - 1);
        }
    }

    @BeforeAll
    static void startHazelcast() {
        hazelcast = EmbeddedHazelcast.start("presence-test");
    }

    @AfterAll
    static void stopHazelcast() {
        hazelcast.shutdown();
    }

    private static PresenceTracker tracker(RecordingHub hub, ClusterState cluster) {
        PresenceTracker tracker = new PresenceTracker();
        tracker.hub = hub;
        tracker.cluster = cluster;
        ChatSettings settings = new ChatSettings();
        settings.presenceTtlSeconds = 2;
        settings.presenceRefreshSeconds = 1;
        tracker.settings = settings;
        return tracker;
    }

    @Test
    void countsUsersAcrossInstancesAndForgetsAnInstanceThatStopsRefreshing() {
        String room = "room-" + UUID.randomUUID();
        String group = ChatPosting.group(room);
        RecordingHub hubA = new RecordingHub();
        RecordingHub hubB = new RecordingHub();
        PresenceTracker a = tracker(hubA, new HazelcastClusterState(hazelcast));
        PresenceTracker b = tracker(hubB, new HazelcastClusterState(hazelcast));

        assertEquals(Optional.empty(), a.join(room, "alice"));
        assertEquals(group + "=1", hubA.last());

        // alice's second tab, on the other instance: still one user, told only to the newcomer.
        assertEquals(Optional.of(new ChatEvents.OnlineCount(1)), b.join(room, "alice"));
        assertTrue(hubB.broadcasts.isEmpty());

        assertEquals(Optional.empty(), b.join(room, "bob"));
        assertEquals(group + "=2", hubB.last());
        assertEquals(2, a.onlineCount(room));

        // Instance b dies: nothing removes its entries, they expire; a's next refresh announces it.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            a.refresh();
            assertEquals(List.of(group + "=1", group + "=1"), hubA.broadcasts);
        });
        assertEquals(1, a.onlineCount(room));

        a.leave(room, "alice");
        assertEquals(group + "=0", hubA.last());
    }

    @Test
    void twoSocketsOfOneUserCountOnceAndTheUserLeavesWithTheLast() {
        String room = "room-" + UUID.randomUUID();
        String group = ChatPosting.group(room);
        RecordingHub hub = new RecordingHub();
        PresenceTracker local = tracker(hub, new LocalClusterState());

        assertEquals(Optional.empty(), local.join(room, "carol"));
        assertEquals(Optional.of(new ChatEvents.OnlineCount(1)), local.join(room, "carol"));
        assertEquals(Optional.empty(), local.join(room, "dave"));
        local.leave(room, "carol");
        assertEquals(List.of(group + "=1", group + "=2"), hub.broadcasts);
        local.leave(room, "carol");
        local.leave(room, "dave");
        assertEquals(List.of(group + "=1", group + "=2", group + "=1", group + "=0"), hub.broadcasts);
    }
}
