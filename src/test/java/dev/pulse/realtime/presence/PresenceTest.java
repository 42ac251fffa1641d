package dev.pulse.realtime.presence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.pulse.realtime.cluster.HazelcastClusterState;
import dev.pulse.realtime.cluster.SharedMap;
import dev.pulse.support.EmbeddedHazelcast;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service around rosters: its timer refreshes and recounts, and its stop withdraws this instance's entries. */
class PresenceTest {

    private HazelcastInstance hazelcast;
    private ScheduledExecutorService threads;

    @BeforeEach
    void start() {
        hazelcast = EmbeddedHazelcast.start("presence-service-test");
        threads = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        hazelcast.shutdown();
    }

    /** The container's scheduler, played by a plain one (only the ScheduledExecutorService methods are used). */
    private ManagedScheduledExecutorService managed() {
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(threads, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void theTimerRecountsAndTheStopWithdrawsThisInstancesEntries() {
        HazelcastClusterState cluster = new HazelcastClusterState(hazelcast);
        Presence presence = new Presence();
        presence.cluster = cluster;
        presence.scheduler = managed();
        String entriesMap = "test.presence." + UUID.randomUUID();
        RosterTest.Recording heard = new RosterTest.Recording();
        Roster roster = presence.roster(new RosterSpec(entriesMap, entriesMap + ".counts",
                Duration.ofSeconds(30), Duration.ofMillis(100)), heard);

        assertTrue(roster.track("hall", "gina"));
        SharedMap<String> entries = cluster.map(entriesMap);
        // Another instance's user, written behind this roster's back: only a refresh's recount can see it.
        entries.set("hall\nhank\nother-instance", "hall", Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> "hall=2".equals(heard.last()));
        assertEquals(2, roster.users("hall"));

        presence.stop();
        assertEquals(1, entries.keysWithValue("hall").size(), "only the other instance's entry is left");
    }
}
