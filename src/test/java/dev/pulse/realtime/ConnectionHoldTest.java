package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Holding live frames while a backlog is replayed: backlog first, then live frames not already in it (by offset). */
class ConnectionHoldTest {

    private static Connection connection(TextSink sink, int capacity, ConnectionTest.CountingListener listener) {
        return new Connection("c1", "u", sink, new Outbox(capacity, OverflowPolicy.DROP_OLDEST), listener);
    }

    /** A held connection to {@code sink}, with room for 16 frames. */
    private static Connection held(TextSink sink) {
        Connection connection = connection(sink, 16, new ConnectionTest.CountingListener());
        connection.hold();
        return connection;
    }

    @Test
    void releaseSendsTheBacklogThenTheHeldFramesAboveWhatItReplayed() {
        ConnectionTest.InlineSink sink = new ConnectionTest.InlineSink();
        Connection connection = held(sink);
        connection.send("live-2", null, 2);
        connection.send("live-3", null, 3);
        assertEquals(List.of(), sink.sent);

        connection.release(List.of("backlog-1", "backlog-2"), 2);
        assertEquals(List.of("backlog-1", "backlog-2", "live-3"), sink.sent);

        connection.send("live-4", null, 4);
        assertEquals(List.of("backlog-1", "backlog-2", "live-3", "live-4"), sink.sent);
    }

    @Test
    void heldFramesAtOrBelowTheReplayedOffsetAreDroppedTheRestKeptInTheOrderSent() {
        ConnectionTest.InlineSink sink = new ConnectionTest.InlineSink();
        Connection connection = held(sink);
        connection.send("m5", null, 5);
        connection.send("count");                           // no offset: always kept
        connection.send("m6", null, 6);
        connection.send("m7", null, 7);
        connection.send("price", "AAPL", Connection.NO_OFFSET);
        connection.send("m8", null, 8);
        connection.send("reply", null);

        connection.release(List.of("m5", "m6"), 6);
        assertEquals(List.of("m5", "m6", "count", "m7", "price", "m8", "reply"), sink.sent);
    }

    @Test
    void releasingWithNothingReplayedKeepsEveryHeldFrame() {
        ConnectionTest.InlineSink sink = new ConnectionTest.InlineSink();
        Connection connection = held(sink);
        connection.send("m0", null, 0);
        connection.send("plain");
        connection.send("m1", null, 1);
        connection.release(List.of(), Connection.NO_OFFSET);
        assertEquals(List.of("m0", "plain", "m1"), sink.sent);
    }

    @Test
    void aBroadcastTheBacklogHadIsDroppedEvenWhenItsLaneHandsItOverAfterTheRelease() {
        ConnectionTest.InlineSink sink = new ConnectionTest.InlineSink();
        Connection connection = connection(sink, 16, new ConnectionTest.CountingListener());
        connection.send("m3", null, 3);                     // before any replay: nothing to compare with
        connection.hold();
        connection.release(List.of("m8", "m9"), 9);
        connection.send("m9", null, 9);                     // published before the release, delivered after it
        connection.send("plain");
        connection.send("m10", null, 10);
        assertEquals(List.of("m3", "m8", "m9", "plain", "m10"), sink.sent);
    }

    @Test
    void framesAfterReleaseQueueBehindTheBacklogOnASlowSocket() {
        ConnectionTest.StalledSink sink = new ConnectionTest.StalledSink();
        Connection connection = held(sink);
        connection.send("live");
        connection.release(List.of("old"), Connection.NO_OFFSET);
        connection.send("later");
        assertEquals(List.of("old"), sink.started);
        sink.completeOne();
        sink.completeOne();
        assertEquals(List.of("old", "live", "later"), sink.started);
    }

    @Test
    void holdingMoreThanTheCapacityDisconnects() {
        ConnectionTest.StalledSink sink = new ConnectionTest.StalledSink();
        ConnectionTest.CountingListener listener = new ConnectionTest.CountingListener();
        Connection connection = connection(sink, 2, listener);
        connection.hold();
        connection.send("1");
        connection.send("2");
        connection.send("3");
        assertEquals(1, listener.overflowed.get());
        assertTrue(connection.isClosed());
        connection.release(List.of("x"), Connection.NO_OFFSET);
        assertEquals(List.of(), sink.started);
    }
}
