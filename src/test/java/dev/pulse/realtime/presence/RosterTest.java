package dev.pulse.realtime.presence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.HazelcastClusterState;
import dev.pulse.realtime.cluster.LocalClusterState;
import dev.pulse.realtime.cluster.SharedMap;
import dev.pulse.realtime.cluster.SharedTopic;
import dev.pulse.support.EmbeddedHazelcast;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances' rosters sharing one real (embedded, private) Hazelcast member: counts by user
 * across instances, and an instance that stops refreshing drops out after the TTL. Without a
 * cluster: counts by user from this instance's sockets.
 */
class RosterTest {

    private static final RosterSpec SPEC = new RosterSpec("test.presence", "test.presence-counts",
            Duration.ofSeconds(2), Duration.ofSeconds(1));

    private static HazelcastInstance hazelcast;

    /** What a roster reported, in order, as {@code group=users}. */
    static final class Recording implements PresenceListener {
        final List<String> reports = new CopyOnWriteArrayList<>();
        /** Users who came ({@code +name}) and went ({@code -name}), in order. */
        final List<String> people = new CopyOnWriteArrayList<>();

        @Override
        public void usersChanged(String group, int users) {
            reports.add(group + "=" + users);
        }

        @Override
        public void userChanged(String group, String user, boolean present) {
            people.add((present ? "+" : "-") + user);
        }

        String last() {
            return reports.isEmpty() ? null : reports.get(reports.size() - 1);
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

    @Test
    void countsUsersAcrossInstancesAndForgetsAnInstanceThatStopsRefreshing() {
        String group = "group-" + UUID.randomUUID();
        Recording heardA = new Recording();
        Recording heardB = new Recording();
        Roster a = new Roster(new HazelcastClusterState(hazelcast), SPEC, heardA);
        Roster b = new Roster(new HazelcastClusterState(hazelcast), SPEC, heardB);

        assertTrue(a.track(group, "alice"));
        assertEquals(group + "=1", heardA.last());

        // alice's second socket, on the other instance: still one user, nothing reported.
        assertFalse(b.track(group, "alice"));
        assertTrue(heardB.reports.isEmpty());
        assertEquals(1, b.users(group));

        assertTrue(b.track(group, "bob"));
        assertEquals(group + "=2", heardB.last());
        assertEquals(2, a.users(group));
        assertEquals(List.of("+alice"), heardA.people);
        assertEquals(List.of("+bob"), heardB.people, "alice was already present through a: no second arrival");
        assertEquals(Set.of("alice", "bob"), a.members(group));

        // Instance b dies: nothing removes its entries, they expire; a's next refresh reports it,
        // naming bob (who was only on b) as gone, and alice (still on a) as nothing.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            a.refresh();
            assertEquals(List.of(group + "=1", group + "=1"), heardA.reports);
        });
        assertEquals(1, a.users(group));
        assertEquals(List.of("+alice", "-bob"), heardA.people);
        assertEquals(Set.of("alice"), a.members(group));

        assertTrue(a.untrack(group, "alice"));
        assertEquals(group + "=0", heardA.last());
        assertEquals(0, a.users(group));
        assertEquals(List.of("+alice", "-bob", "-alice"), heardA.people);
    }

    @Test
    void aUserLeavingOneInstanceStaysWhileTheirSocketOnAnotherRemains() {
        String group = "group-" + UUID.randomUUID();
        Recording heard = new Recording();
        Roster a = new Roster(new HazelcastClusterState(hazelcast), SPEC, heard);
        Roster b = new Roster(new HazelcastClusterState(hazelcast), SPEC, heard);

        assertTrue(a.track(group, "erin"));
        // b's first arrival in the group recounts the entries: it learns a's id and sees erin there.
        assertFalse(b.track(group, "erin"));
        // a learns b's id from its next refresh's recount (until then it would not look for erin on b).
        a.refresh();
        assertFalse(a.untrack(group, "erin"), "erin is still present through b");
        assertEquals(1, b.users(group));
        assertTrue(b.untrack(group, "erin"));
        assertEquals(List.of(group + "=1", group + "=0"), heard.reports);
        a.withdraw();
        b.withdraw();
    }

    @Test
    void twoSocketsOfOneUserCountOnceAndTheUserLeavesWithTheLast() {
        String group = "group-" + UUID.randomUUID();
        Recording heard = new Recording();
        Roster local = new Roster(new LocalClusterState(), SPEC, heard);

        assertTrue(local.track(group, "carol"));
        assertFalse(local.track(group, "carol"));
        assertTrue(local.track(group, "dave"));
        assertFalse(local.untrack(group, "carol"));
        assertEquals(List.of(group + "=1", group + "=2"), heard.reports);
        assertEquals(Set.of("carol", "dave"), local.members(group));
        assertEquals(2, local.users(group));
        assertTrue(local.untrack(group, "carol"));
        assertTrue(local.untrack(group, "dave"));
        assertEquals(List.of(group + "=1", group + "=2", group + "=1", group + "=0"), heard.reports);
        assertEquals(0, local.users(group));
        assertEquals(List.of("+carol", "+dave", "-carol", "-dave"), heard.people);
    }

    @Test
    void onlyAUsersFirstAndLastSocketHereTouchTheCluster() {
        CountingClusterState cluster = new CountingClusterState(new HazelcastClusterState(hazelcast));
        Roster roster = new Roster(cluster, SPEC, new Recording());
        String group = "group-" + UUID.randomUUID();

        roster.track(group, "frank");
        int afterFirst = cluster.maps.get();
        for (int i = 0; i < 10; i++) {
            roster.track(group, "frank");
        }
        for (int i = 0; i < 10; i++) {
            roster.untrack(group, "frank");
        }
        assertEquals(afterFirst, cluster.maps.get(), "further sockets of a present user cost no cluster operation");
        roster.untrack(group, "frank");
        assertTrue(cluster.maps.get() > afterFirst, "the last socket withdraws the user");
        assertEquals(0, roster.users(group));
    }

    @Test
    void aRefreshMustComeBeforeTheEntriesExpire() {
        assertThrows(IllegalArgumentException.class,
                () -> new RosterSpec("m", "c", Duration.ofSeconds(10), Duration.ofSeconds(10)));
        assertThrows(IllegalArgumentException.class,
                () -> new RosterSpec("m", "c", Duration.ofSeconds(10), Duration.ZERO));
    }

    /** Counts the shared maps asked for: every cluster operation of a roster starts with one. */
    private static final class CountingClusterState implements ClusterState {
        final AtomicInteger maps = new AtomicInteger();
        private final ClusterState delegate;

        CountingClusterState(ClusterState delegate) {
            this.delegate = delegate;
        }

        @Override
        public <V> SharedMap<V> map(String name) {
            maps.incrementAndGet();
            return delegate.map(name);
        }

        @Override
        public <M> SharedTopic<M> topic(String name) {
            return delegate.topic(name);
        }

        @Override
        public String memberId() {
            return delegate.memberId();
        }

        @Override
        public Set<String> memberIds() {
            return delegate.memberIds();
        }

        @Override
        public boolean clustered() {
            return delegate.clustered();
        }
    }
}
