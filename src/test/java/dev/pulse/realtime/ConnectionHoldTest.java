package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Holding live frames while a backlog is replayed: backlog first, then live frames not already in it. */
class ConnectionHoldTest {

    private static Connection connection(TextSink sink, int capacity, ConnectionTest.CountingListener listener) {
        return new Connection("c1", "u", sink, new Outbox(capacity, OverflowPolicy.DROP_OLDEST), listener);
    }

    @Test
    void releaseSendsTheBacklogThenTheHeldFramesItKeeps() {
        ConnectionTest.InlineSink sink = new ConnectionTest.InlineSink();
        Connection connection = connection(sink, 16, new ConnectionTest.CountingListener());
        connection.hold();
        connection.send("live-2");
        connection.send("live-3");
        assertEquals(List.of(), sink.sent);

        connection.release(List.of("backlog-1", "backlog-2"), frame -> !frame.equals("live-2"));
        assertEquals(List.of("backlog-1", "backlog-2", "live-3"), sink.sent);

        connection.send("live-4");
        assertEquals(List.of("backlog-1", "backlog-2", "live-3", "live-4"), sink.sent);
    }

    @Test
    void framesAfterReleaseQueueBehindTheBacklogOnASlowSocket() {
        ConnectionTest.StalledSink sink = new ConnectionTest.StalledSink();
        Connection connection = connection(sink, 16, new ConnectionTest.CountingListener());
        connection.hold();
        connection.send("live");
        connection.release(List.of("old"), frame -> true);
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
        connection.release(List.of("x"), frame -> true);
        assertEquals(List.of(), sink.started);
    }
}
