package dev.pulse.realtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group fan-out through the real hub, bus and connections onto in-memory sockets (see {@link HubHarness}). */
class HubFanoutTest {

    private HubHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aBroadcastReachesEveryMemberOfTheGroupAndNobodyElse() {
        harness = HubHarness.start();
        FakeSocket a = FakeSocket.open();
        FakeSocket b = FakeSocket.open();
        FakeSocket outsider = FakeSocket.open();
        Connection ca = harness.open(a);
        Connection cb = harness.open(b);
        Connection co = harness.open(outsider);
        harness.hub().join("room", ca);
        harness.hub().join("room", cb);
        harness.hub().join("other", co);

        harness.hub().broadcast("room", Map.of("body", "hi"));
        harness.hub().broadcastText("other", "marker", null);

        assertEquals("{\"body\":\"hi\"}", a.nextFrame());
        assertEquals("{\"body\":\"hi\"}", b.nextFrame());
        // One lane delivers in order: the outsider's first frame is the later broadcast to its own group.
        assertEquals("marker", outsider.nextFrame());
        assertEquals(2, harness.hub().localGroupSize("room"));
    }

    @Test
    void aMemberThatLeftOrClosedGetsNoMoreFrames() {
        harness = HubHarness.start();
        FakeSocket stays = FakeSocket.open();
        FakeSocket leaves = FakeSocket.open();
        Connection cs = harness.open(stays);
        Connection cl = harness.open(leaves);
        harness.hub().join("room", cs);
        harness.hub().join("room", cl);
        harness.hub().join("marker", cl);
        harness.hub().leave("room", cl);

        harness.hub().broadcastText("room", "after leave", null);
        harness.hub().broadcastText("marker", "marker", null);

        assertEquals("after leave", stays.nextFrame());
        assertEquals("marker", leaves.nextFrame());

        harness.hub().close(stays.session());
        assertEquals(0, harness.hub().localGroupSize("room"));
        assertEquals(1, harness.hub().connectionCount());
    }

    @Test
    void everyMemberGetsTheBroadcastsInTheOrderTheyWereSent() {
        harness = HubHarness.builder().deliveryLanes(2).build();
        List<FakeSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FakeSocket socket = FakeSocket.open();
            harness.hub().join("prices", harness.open(socket));
            sockets.add(socket);
        }
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add("frame " + i);
            harness.hub().broadcastText("prices", "frame " + i, null);
        }
        for (FakeSocket socket : sockets) {
            List<String> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                received.add(socket.nextFrame());
            }
            assertEquals(sent, received, socket.toString());
        }
    }

    @Test
    void aSlowMemberKeepsOnlyTheNewestFramePerConflationKeyWhileAFastOneGetsEverything() {
        harness = HubHarness.start();
        FakeSocket slow = FakeSocket.stalled();
        FakeSocket fast = FakeSocket.open();
        Connection cs = harness.open(slow);
        Connection cf = harness.open(fast);
        harness.hub().join("prices", cs);
        harness.hub().join("prices", cf);

        harness.hub().broadcastText("prices", "AAPL 1", "AAPL");
        assertEquals("AAPL 1", slow.nextFrame()); // handed to the socket, which does not take it
        harness.hub().broadcastText("prices", "AAPL 2", "AAPL");
        harness.hub().broadcastText("prices", "MSFT 1", "MSFT");
        harness.hub().broadcastText("prices", "AAPL 3", "AAPL");
        for (String expected : List.of("AAPL 1", "AAPL 2", "MSFT 1", "AAPL 3")) {
            assertEquals(expected, fast.nextFrame());
        }
        assertEquals(1, slow.inFlight(), "one frame in flight at a time");
        // The fast socket may come first in the group: wait until AAPL 3 has reached the slow one's queue too.
        await("AAPL 3 conflated into the slow socket's queue").atMost(Duration.ofSeconds(5))
                .until(() -> harness.counter("pulse_ws_frames_conflated_total") >= 1);

        // The reader catches up: AAPL 2 was replaced in the queue by AAPL 3, in AAPL 2's place.
        List<String> caughtUp = new ArrayList<>();
        while (slow.completeNext()) {
            if (slow.unreadCount() > 0) {
                caughtUp.add(slow.nextFrame());
            }
        }
        assertEquals(List.of("AAPL 3", "MSFT 1"), caughtUp);
        assertEquals(1, harness.counter("pulse_ws_frames_conflated_total"));
    }

    @Test
    void aMemberWhoseQueueOverflowsIsClosedWith1011UnderTheDisconnectPolicy() {
        harness = HubHarness.builder().sendQueueCapacity(2).overflowPolicy(OverflowPolicy.DISCONNECT).build();
        FakeSocket slow = FakeSocket.stalled();
        FakeSocket fast = FakeSocket.open();
        harness.hub().join("feed", harness.open(slow));
        harness.hub().join("feed", harness.open(fast));

        for (int i = 0; i < 4; i++) {
            harness.hub().broadcastText("feed", "n" + i, null);
        }
        // 1 in flight + 2 queued fit; the fourth overflows.
        assertEquals(1011, slow.awaitClose());
        for (int i = 0; i < 4; i++) {
            assertEquals("n" + i, fast.nextFrame());
        }
        assertFalse(fast.isClosed());
        assertEquals(1, harness.counter("pulse_ws_slow_client_disconnects_total"));
    }

    @Test
    void aFailedWriteClosesTheSocketWith1011() {
        harness = HubHarness.start();
        FakeSocket broken = FakeSocket.stalled();
        harness.hub().join("feed", harness.open(broken));
        harness.hub().broadcastText("feed", "first", null);
        assertEquals("first", broken.nextFrame());
        broken.failNext(new java.io.IOException("Broken pipe"));
        assertEquals(1011, broken.awaitClose());
    }
}
