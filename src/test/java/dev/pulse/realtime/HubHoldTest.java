package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Broadcast offsets through the real hub, bus, delivery lane and connection (see {@link HubHarness}):
 * a held member drops on release what its backlog had, by offset, and the frames' text is unchanged.
 */
class HubHoldTest {

    private HubHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /*
     * One lane delivers in order: once a socket in group "marker" has the marker, every broadcast
     * before it has been handed to the held connection (and held there).
     */
    private void awaitDelivered() {
        FakeSocket observer = FakeSocket.open();
        harness.hub().join("marker", harness.open(observer));
        harness.hub().broadcastText("marker", "marker", null);
        assertEquals("marker", observer.nextFrame());
    }

    /** A harness, and {@code socket} opened, held (as a feature replaying a backlog) and in group "room". */
    private Connection heldMemberOfRoom(FakeSocket socket) {
        harness = HubHarness.start();
        Connection connection = harness.open(socket);
        connection.hold();
        harness.hub().join("room", connection);
        return connection;
    }

    private static List<String> next(FakeSocket socket, int count) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(socket.nextFrame());
        }
        return frames;
    }

    @Test
    void aHeldMemberGetsTheBacklogThenOnlyTheBroadcastsAboveWhatItReplayed() {
        FakeSocket socket = FakeSocket.open();
        Connection connection = heldMemberOfRoom(socket);

        harness.hub().broadcast("room", Map.of("id", 1), 1L);
        harness.hub().broadcast("room", Map.of("id", 2), 2L);
        harness.hub().broadcast("room", Map.of("online", 3));
        harness.hub().broadcast("room", Map.of("id", 3), 3L);
        harness.hub().broadcastText("room", "price", "AAPL");
        awaitDelivered();
        assertEquals(0, socket.unreadCount());

        connection.release(List.of("backlog 1", "backlog 2"), 2);
        harness.hub().broadcast("room", Map.of("id", 4), 4L);

        // The offset stays off the wire: each frame is the encoded message only.
        assertEquals(List.of("backlog 1", "backlog 2", "{\"online\":3}", "{\"id\":3}", "price", "{\"id\":4}"),
                next(socket, 6));
    }

    @Test
    void aFrameFromAnInstanceThatSendsNoOffsetIsKept() {
        FakeSocket socket = FakeSocket.open();
        Connection connection = heldMemberOfRoom(socket);

        // The three-element frame of an instance without offsets, straight onto the bus's topic.
        harness.cluster().<String[]>topic("pulse.groups").publish(new String[] {"room", "", "old instance"});
        harness.hub().broadcastText("room", "new instance", null, 5);
        awaitDelivered();

        connection.release(List.of("backlog"), 9);
        assertEquals(List.of("backlog", "old instance"), next(socket, 2));
        harness.hub().broadcastText("room", "after", null);
        assertEquals("after", socket.nextFrame());
    }

    @Test
    void aConnectionMadeAtHandshakeGetsEveryFrameSentBeforeItOpened() {
        harness = HubHarness.start();
        Connection early = harness.hub().early(null, List.of("room"));
        harness.hub().broadcastText("room", "zero", null, 0);
        harness.hub().broadcastText("room", "plain", null);
        harness.hub().broadcastText("room", "seven", null, 7);
        awaitDelivered();

        FakeSocket socket = FakeSocket.open();
        socket.session().getUserProperties().put(GroupsAtHandshake.EARLY, early);
        assertEquals(early, harness.open(socket));
        assertEquals(List.of("zero", "plain", "seven"), next(socket, 3));
    }
}
