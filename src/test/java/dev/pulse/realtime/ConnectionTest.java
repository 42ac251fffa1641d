package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    /** A socket whose sends complete only when the test says so: a client that is not reading. */
    static final class StalledSink implements TextSink {
        final List<String> started = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        int closeCode;

        @Override
        public synchronized void sendAsync(String text, Consumer<Throwable> done) {
            started.add(text);
            pending.add(done);
        }

        void completeOne() {
            Consumer<Throwable> done;
            synchronized (this) {
                done = pending.remove(0);
            }
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }
    }

    /** A socket whose sends complete on the caller's stack, as a fast local socket may. */
    static final class InlineSink implements TextSink {
        final List<String> sent = new ArrayList<>();

        @Override
        public void sendAsync(String text, Consumer<Throwable> done) {
            sent.add(text);
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    static final class CountingListener implements Connection.Listener {
        final AtomicInteger dropped = new AtomicInteger();
        final AtomicInteger overflowed = new AtomicInteger();

        @Override
        public void dropped(Connection connection) {
            dropped.incrementAndGet();
        }

        @Override
        public void overflowed(Connection connection) {
            overflowed.incrementAndGet();
        }
    }

    private static Connection connection(TextSink sink, int capacity, OverflowPolicy policy, Connection.Listener listener) {
        return new Connection("c1", null, sink, new Outbox(capacity, policy), listener);
    }

    @Test
    void keepsOneFrameInFlightAndSendsTheRestInOrder() {
        StalledSink sink = new StalledSink();
        Connection connection = connection(sink, 10, OverflowPolicy.DISCONNECT, new CountingListener());
        connection.send("1");
        connection.send("2");
        connection.send("3");
        assertEquals(List.of("1"), sink.started);
        assertEquals(2, connection.queued());
        sink.completeOne();
        sink.completeOne();
        sink.completeOne();
        assertEquals(List.of("1", "2", "3"), sink.started);
        assertEquals(0, connection.queued());
    }

    @Test
    void aStalledClientFillsOnlyItsOwnQueueAndDropsTheOldest() {
        StalledSink slow = new StalledSink();
        InlineSink fast = new InlineSink();
        CountingListener listener = new CountingListener();
        Connection slowConnection = connection(slow, 4, OverflowPolicy.DROP_OLDEST, listener);
        Connection fastConnection = connection(fast, 4, OverflowPolicy.DROP_OLDEST, listener);
        for (int i = 0; i < 100; i++) {
            slowConnection.send("tick " + i);
            fastConnection.send("tick " + i);
        }
        assertEquals(100, fast.sent.size(), "the fast client got every frame");
        assertEquals(4, slowConnection.queued(), "the slow client holds at most its capacity");
        assertEquals(95, listener.dropped.get());
        slow.completeOne();
        assertEquals("tick 96", slow.started.get(1), "after the in-flight frame come the newest ones");
    }

    @Test
    void disconnectPolicyClosesTheSlowClientOnce() {
        StalledSink slow = new StalledSink();
        CountingListener listener = new CountingListener();
        Connection connection = connection(slow, 2, OverflowPolicy.DISCONNECT, listener);
        for (int i = 0; i < 10; i++) {
            connection.send("frame " + i);
        }
        assertEquals(1, listener.overflowed.get());
        assertTrue(connection.isClosed());
        assertEquals(0, connection.queued());
    }

    @Test
    void conflatedFramesKeepOnlyTheLatestValuePerKey() {
        StalledSink slow = new StalledSink();
        Connection connection = connection(slow, 10, OverflowPolicy.DISCONNECT, new CountingListener());
        connection.send("AAPL 1", "AAPL");
        for (int i = 2; i <= 50; i++) {
            connection.send("AAPL " + i, "AAPL");
            connection.send("MSFT " + i, "MSFT");
        }
        assertEquals(2, connection.queued());
        slow.completeOne();
        slow.completeOne();
        slow.completeOne();
        assertEquals(List.of("AAPL 1", "AAPL 50", "MSFT 50"), slow.started);
    }

    @Test
    void inlineCompletionsDoNotRecurse() {
        InlineSink sink = new InlineSink();
        Connection connection = connection(sink, 200_000, OverflowPolicy.DISCONNECT, new CountingListener());
        for (int i = 0; i < 100_000; i++) {
            connection.send(Integer.toString(i));
        }
        assertEquals(100_000, sink.sent.size());
    }

    @Test
    void concurrentSendersLoseNothingAndNeverOverlapSends() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        ExecutorService completions = Executors.newSingleThreadExecutor();
        TextSink asyncSink = new TextSink() {
            @Override
            public void sendAsync(String text, Consumer<Throwable> done) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                completions.execute(() -> {
                    inFlight.decrementAndGet();
                    delivered.incrementAndGet();
                    done.accept(null);
                });
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        Connection connection = connection(asyncSink, 100_000, OverflowPolicy.DISCONNECT, new CountingListener());
        int senders = 4;
        int each = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch done = new CountDownLatch(senders);
        for (int s = 0; s < senders; s++) {
            pool.execute(() -> {
                for (int i = 0; i < each; i++) {
                    connection.send("x");
                }
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> delivered.get() == senders * each);
        assertEquals(1, maxInFlight.get());
        pool.shutdownNow();
        completions.shutdownNow();
    }

    @Test
    void aFailedSendClosesTheSocketAndDropsTheRest() {
        StalledSink sink = new StalledSink();
        Connection connection = connection(sink, 10, OverflowPolicy.DISCONNECT, new CountingListener());
        connection.send("1");
        connection.send("2");
        Consumer<Throwable> first = sink.pending.remove(0);
        first.accept(new java.io.IOException("broken pipe"));
        assertEquals(1011, sink.closeCode);
        assertTrue(connection.isClosed());
        assertEquals(List.of("1"), sink.started, "nothing more is sent to a broken socket");
    }

    @Test
    void sweepsCountHowLongTheFrameInFlightHasWaitedAndHowLongTheSocketIsIdle() {
        StalledSink sink = new StalledSink();
        Connection connection = connection(sink, 10, OverflowPolicy.DISCONNECT, new CountingListener());
        int[] stuck = new int[1];
        assertEquals(1, connection.sweep(stuck));
        assertEquals(0, stuck[0], "nothing in flight");
        connection.send("1");
        assertEquals(2, connection.sweep(stuck));
        assertEquals(1, stuck[0]);
        assertEquals(3, connection.sweep(stuck));
        assertEquals(2, stuck[0]);
        sink.completeOne();
        assertEquals(1, connection.sweep(stuck), "a frame taken by the socket is activity");
        assertEquals(0, stuck[0]);
        connection.touch();
        assertEquals(1, connection.sweep(stuck), "a frame from the client is activity");
    }
}
