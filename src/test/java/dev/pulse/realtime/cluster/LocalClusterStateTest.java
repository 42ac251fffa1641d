package dev.pulse.realtime.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The single-instance cluster state keeps IMap's contract: expiry, conditional writes, key locks, topics. */
class LocalClusterStateTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    /** A clock that only moves when told to. */
    static final class ManualClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LocalClusterState cluster = new LocalClusterState(clock, LocalClusterState.SWEEP_FLOOR);
    private final SharedMap<String> map = cluster.map("test");

    @Test
    void anEntryLivesExactlyItsTtlAfterItsLastWrite() {
        map.set("a", "1", TEN_SECONDS);
        clock.advance(Duration.ofMillis(9_999));
        assertEquals("1", map.get("a"));
        map.set("a", "2", TEN_SECONDS);
        clock.advance(Duration.ofMillis(9_999));
        assertEquals("2", map.get("a"), "a write restarts the TTL");
        clock.advance(Duration.ofMillis(1));
        assertNull(map.get("a"));
        assertEquals(Map.of(), map.entries());
    }

    @Test
    void withoutTtlOrWithAZeroTtlAnEntryNeverExpires() {
        map.set("plain", "1");
        map.set("zero", "2", Duration.ZERO);
        clock.advance(Duration.ofDays(365));
        assertEquals(Map.of("plain", "1", "zero", "2"), map.entries());
        assertThrows(IllegalArgumentException.class, () -> map.set("negative", "3", Duration.ofSeconds(-1)));
    }

    @Test
    void readsSkipExpiredEntries() {
        map.set("short", "room", Duration.ofSeconds(1));
        map.set("long", "room", TEN_SECONDS);
        map.set("other", "hall", TEN_SECONDS);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Map.of("long", "room"), map.getAll(Set.of("short", "long", "missing")));
        assertEquals(Set.of("long"), map.keysWithValue("room"));
        assertEquals(Map.of("long", "room", "other", "hall"), map.entries());
    }

    @Test
    void putIfAbsentKeepsALiveEntryAndItsTtlButReplacesAnExpiredOne() {
        assertNull(map.putIfAbsent("lease", "me", TEN_SECONDS));
        clock.advance(Duration.ofSeconds(5));
        assertEquals("me", map.putIfAbsent("lease", "you", Duration.ofMinutes(1)));
        assertEquals("me", map.get("lease"));
        clock.advance(Duration.ofSeconds(5));
        assertNull(map.get("lease"), "the refused putIfAbsent did not extend the TTL");
        assertNull(map.putIfAbsent("lease", "you", TEN_SECONDS), "an expired entry is absent");
        assertEquals("you", map.get("lease"));
    }

    @Test
    void setTtlRestartsALiveEntrysTtlAndIsFalseOtherwise() {
        map.set("lease", "me", TEN_SECONDS);
        clock.advance(Duration.ofSeconds(9));
        assertTrue(map.setTtl("lease", TEN_SECONDS));
        clock.advance(Duration.ofSeconds(9));
        assertEquals("me", map.get("lease"), "the TTL counts from setTtl, not from the write");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(map.setTtl("lease", TEN_SECONDS), "expired");
        assertFalse(map.setTtl("never", TEN_SECONDS), "absent");
        assertNull(map.get("lease"));
    }

    @Test
    void removeWithAnExpectedValueRemovesOnlyThatLiveValue() {
        map.set("group", "token-1@5", TEN_SECONDS);
        assertFalse(map.remove("group", "token-2@5"));
        assertEquals("token-1@5", map.get("group"));
        assertTrue(map.remove("group", "token-1@5"));
        assertNull(map.get("group"));
        map.set("group", "token-3@5", TEN_SECONDS);
        clock.advance(TEN_SECONDS);
        assertFalse(map.remove("group", "token-3@5"), "an expired entry is not there to remove");
    }

    @Test
    void putAndRemoveReturnThePreviousLiveValue() {
        SharedMap<Integer> counts = cluster.map("counts");
        assertNull(counts.put("room", 1));
        assertEquals(1, counts.put("room", 2));
        assertEquals(2, counts.remove("room"));
        assertNull(counts.remove("room"));
        map.set("gone", "x", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertNull(map.remove("gone"));
        map.set("deleted", "x");
        map.delete("deleted");
        assertNull(map.get("deleted"));
    }

    @Test
    void aNameAlwaysGivesTheSameMapAndTopic() {
        cluster.<String>map("named").set("k", "v");
        assertEquals("v", cluster.<String>map("named").get("k"));
        assertNull(cluster.<String>map("another").get("k"));
        assertSame(cluster.topic("t"), cluster.topic("t"));
    }

    /** Another thread that takes {@code key}'s lock and keeps it until {@code letGo} opens. */
    private Thread holding(String key, CountDownLatch letGo) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        Thread holder = new Thread(() -> map.locked(key, () -> {
            inside.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> letGo.getCount() == 0);
            return null;
        }));
        holder.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        return holder;
    }

    @Test
    void lockedSectionsOnOneKeyExcludeEachOtherAcrossThreads() throws Exception {
        CountDownLatch letFirstOut = new CountDownLatch(1);
        CountDownLatch secondInside = new CountDownLatch(1);
        Thread first = holding("room", letFirstOut);
        Thread second = new Thread(() -> map.locked("room", () -> {
            secondInside.countDown();
            return null;
        }));
        second.start();
        // The second thread parks on the lock; it cannot have entered.
        await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.WAITING);
        assertEquals(1, secondInside.getCount());
        assertEquals(Optional.empty(), map.tryLocked("room", Duration.ZERO, TEN_SECONDS, () -> "in"));
        assertEquals(Optional.of("in"), map.tryLocked("other room", Duration.ZERO, TEN_SECONDS, () -> "in"),
                "another key is not held");
        letFirstOut.countDown();
        assertTrue(secondInside.await(10, TimeUnit.SECONDS));
        first.join(10_000);
        second.join(10_000);
        assertEquals(0, ((LocalSharedMap<String>) map).lockedKeys(), "no lock is kept for a key nobody holds");
    }

    @Test
    void aThreadMayReenterItsOwnLockedSection() {
        assertEquals("inner", map.locked("room", () -> map.locked("room", () -> "inner")));
        assertEquals(Optional.of("inner"), map.tryLocked("room", Duration.ZERO, TEN_SECONDS,
                () -> map.locked("room", () -> "inner")));
    }

    @Test
    void tryLockedGivesUpAfterItsWaitAndKeepsAnInterrupt() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = holding("user", done);
        assertEquals(Optional.empty(), map.tryLocked("user", Duration.ofMillis(20), TEN_SECONDS, () -> "in"));
        Thread.currentThread().interrupt();
        assertEquals(Optional.empty(), map.tryLocked("user", TEN_SECONDS, TEN_SECONDS, () -> "in"));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        done.countDown();
        holder.join(10_000);
        assertEquals(Optional.of("in"), map.tryLocked("user", Duration.ZERO, TEN_SECONDS, () -> "in"));
    }

    @Test
    void concurrentUpdatesNeverLoseOneAnother() throws Exception {
        SharedMap<long[]> counts = cluster.map("counts");
        int threads = 4;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        counts.update("key", TEN_SECONDS, state -> new long[] {state == null ? 1 : state[0] + 1});
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : running) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, counts.get("key")[0]);
    }

    @Test
    void updateWritesWithTheTtlAndANullResultRemoves() {
        assertEquals("1", map.update("k", TEN_SECONDS, previous -> previous == null ? "1" : previous + "1"));
        assertEquals("11", map.update("k", TEN_SECONDS, previous -> previous == null ? "1" : previous + "1"));
        clock.advance(TEN_SECONDS);
        assertEquals("1", map.update("k", TEN_SECONDS, previous -> previous == null ? "1" : previous + "1"),
                "an expired value is seen as absent");
        assertNull(map.update("k", TEN_SECONDS, previous -> null));
        assertNull(map.get("k"));
    }

    @Test
    void aTopicDeliversToEveryListenerOnThePublishingThreadUntilRemoved() {
        SharedTopic<String[]> topic = cluster.topic("pulse.groups");
        List<String> got = new ArrayList<>();
        Thread publisher = Thread.currentThread();
        topic.addListener(frame -> {
            throw new IllegalStateException("a broken listener");
        });
        var registration = topic.addListener(frame -> {
            assertSame(publisher, Thread.currentThread());
            got.add(String.join("/", frame));
        });
        topic.publish(new String[] {"group", "", "text"});
        assertEquals(List.of("group//text"), got, "a failing listener stops neither the others nor the publisher");
        assertTrue(topic.removeListener(registration));
        assertFalse(topic.removeListener(registration));
        topic.publish(new String[] {"group", "", "again"});
        assertEquals(1, got.size());
    }

    @Test
    void expiredEntriesAreSweptSoTheMapStaysNearItsLiveSize() {
        LocalClusterState small = new LocalClusterState(clock, 100);
        LocalSharedMap<String> addresses = (LocalSharedMap<String>) small.<String>map("addresses");
        addresses.set("kept", "no ttl");
        // A stream of distinct keys, each read never again: about 100 live at any time.
        for (int i = 0; i < 10_000; i++) {
            addresses.set("address-" + i, "x", Duration.ofSeconds(1));
            clock.advance(Duration.ofMillis(10));
            assertTrue(addresses.size() <= 2 * 101 + 1, "held " + addresses.size() + " after " + i);
        }
        assertEquals("no ttl", addresses.get("kept"), "a sweep removes only expired entries");
        clock.advance(Duration.ofSeconds(1));
        addresses.set("last", "x", Duration.ofSeconds(1));
        addresses.get("address-9999");
        assertTrue(addresses.size() <= 2 * 101 + 1);
    }

    @Test
    void aLoneInstanceIsItsOnlyMember() {
        assertFalse(cluster.clustered());
        assertEquals(Set.of(cluster.memberId()), cluster.memberIds());
    }
}
