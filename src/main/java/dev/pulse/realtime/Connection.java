package dev.pulse.realtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client socket as the core sees it: an identity, the groups it is in, and a bounded outbox
 * drained by asynchronous sends with at most one frame in flight. Every send, direct reply or
 * broadcast, goes through the outbox, so frames reach the client in the order they were sent and
 * a slow client only ever fills its own queue.
 */
public final class Connection {

    /** Told when the outbox had to give something up; the hub turns these into metrics and closes. */
    interface Listener {
        void dropped(Connection connection);

        void overflowed(Connection connection);
    }

    private final String id;
    private final String user;
    private final TextSink sink;
    private final Outbox outbox;
    private final Listener listener;
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    // Guarded by this.
    private boolean sending;
    private boolean closed;
    private boolean inTransmit;
    private boolean completedInline;

    Connection(String id, String user, TextSink sink, Outbox outbox, Listener listener) {
        this.id = id;
        this.user = user;
        this.sink = sink;
        this.outbox = outbox;
        this.listener = listener;
    }

    public String id() {
        return id;
    }

    /** The authenticated user's name, or null for an anonymous client. */
    public String user() {
        return user;
    }

    /** Per-connection state a feature keeps between messages (subscriptions, client id...). */
    public Map<String, Object> attributes() {
        return attributes;
    }

    public Set<String> groups() {
        return Set.copyOf(groups);
    }

    Set<String> groupsView() {
        return groups;
    }

    public void send(String text) {
        send(text, null);
    }

    /** Queues a frame; a queued frame with the same non-null key is replaced by this one. */
    public void send(String text, String conflationKey) {
        String first;
        synchronized (this) {
            if (closed) {
                return;
            }
            switch (outbox.offer(text, conflationKey)) {
                case OVERFLOW -> {
                    closed = true;
                    outbox.clear();
                    listener.overflowed(this);
                    return;
                }
                case DROPPED_OLDEST -> listener.dropped(this);
                default -> { }
            }
            if (sending) {
                return;
            }
            sending = true;
            first = outbox.poll();
        }
        pump(first);
    }

    public void close(int code, String reason) {
        synchronized (this) {
            closed = true;
            outbox.clear();
        }
        sink.close(code, reason);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized int queued() {
        return outbox.size();
    }

    /*
     * Sends frames until one completes asynchronously. A send that completes inline (on this
     * stack) only flags it, and the loop takes the next frame, so a fast socket never recurses.
     */
    private void pump(String text) {
        while (text != null) {
            synchronized (this) {
                inTransmit = true;
                completedInline = false;
            }
            sink.sendAsync(text, this::sent);
            synchronized (this) {
                inTransmit = false;
                if (!completedInline) {
                    return;
                }
                text = nextOrIdle();
            }
        }
    }

    private void sent(Throwable failure) {
        String next;
        synchronized (this) {
            if (failure != null) {
                closed = true;
                outbox.clear();
            }
            if (inTransmit) {
                completedInline = true;
                return;
            }
            next = nextOrIdle();
        }
        pump(next);
    }

    private String nextOrIdle() {
        String next = closed ? null : outbox.poll();
        if (next == null) {
            sending = false;
        }
        return next;
    }

    @Override
    public String toString() {
        return "Connection[" + id + (user == null ? "" : ", " + user) + "]";
    }
}
