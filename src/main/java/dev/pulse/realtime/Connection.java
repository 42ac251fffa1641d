package dev.pulse.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One client socket as the core sees it: an identity, the groups it is in, and a bounded outbox
 * drained by asynchronous sends with at most one frame in flight. Every send, direct reply or
 * broadcast, goes through the outbox, so frames reach the client in the order they were sent and
 * a slow client only ever fills its own queue.
 *
 * <p><b>Offsets.</b> A broadcast may carry an offset: a {@code long} position in its group's
 * stream, strictly increasing per group for a feature that resumes (chat: the stored message id).
 * The offset never reaches the client (the frame's text is sent as it is); it only lets
 * {@link #release(List, long)} drop the held frames a replayed backlog already contained, without
 * parsing them. {@link #NO_OFFSET} (any negative value) means none: such a frame is always kept.
 * The replayed offset stays after the release: a broadcast published before the release may be
 * handed over by its delivery lane after it (a fresh-clone ChatIT run saw a resumed message
 * twice), and it is dropped then too. So a connection resumes one offset stream (a chat socket is
 * in one room); frames of other groups should carry no offset.
 */
public final class Connection {

    /** The offset of a frame that has none (replies, presence counts, prices): never dropped by a release. */
    public static final long NO_OFFSET = -1;

    /** A frame sent while held, with its offset (negative: none). */
    private record Held(String text, String conflationKey, long offset) {
    }

    /** Told when the outbox had to give something up; the hub turns these into metrics and closes. */
    interface Listener {
        void dropped(Connection connection);

        /** A queued frame was replaced by a newer one with the same conflation key. */
        default void conflated(Connection connection) {
        }

        void overflowed(Connection connection);
    }

    private final String id;
    private final String user;
    private final TextSink sink;
    private final Outbox outbox;
    private final Listener listener;
    /** The hub's delivery lane for this socket (see {@link DeliveryLanes}); set once at open. */
    int lane;
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>(4);
    private final Consumer<Throwable> onSent = this::sent;
    /*
     * Sweeps of the hub since this socket last sent or received, and since its frame in flight was
     * handed over. Plain fields on purpose: the per-frame cost is one store; a sweep that races a
     * reset is off by one sweep period at most.
     */
    private int idleSweeps;
    private int inFlightSweeps;

    // Guarded by this.
    private boolean sending;
    private boolean closed;
    private boolean inTransmit;
    private boolean completedInline;
    /** A frame has been handed to the socket and it has not yet taken it. */
    private boolean inFlight;
    /** Frames sent while held (a feature replays a backlog first); null when not held. */
    private List<Held> held;
    /** The newest offset a released backlog contained: broadcasts at or below it are dropped, held or not. */
    private long replayedUpTo = NO_OFFSET;

    Connection(String id, String user, TextSink sink, Outbox outbox, Listener listener) {
        this.id = id;
        this.user = user;
        this.sink = sink;
        this.outbox = outbox;
        this.listener = listener;
    }

    /** Hook for {@link Hub#open}: the sink of a connection made at handshake time. */
    TextSink sink() {
        return sink;
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
        send(text, null, NO_OFFSET);
    }

    /** Queues a frame; a queued frame with the same non-null key is replaced by this one. */
    public void send(String text, String conflationKey) {
        send(text, conflationKey, NO_OFFSET);
    }

    /**
     * As {@link #send(String, String)}, for a broadcast at {@code offset} in its group (see the
     * class comment; {@link #NO_OFFSET} for none). A frame at or below the offset a release
     * replayed up to is dropped: the backlog had it.
     */
    void send(String text, String conflationKey, long offset) {
        String first;
        synchronized (this) {
            if (closed || (offset >= 0 && offset <= replayedUpTo)) {
                return;
            }
            if (held != null) {
                hold(text, conflationKey, offset);
                return;
            }
            if (!enqueue(text, conflationKey)) {
                return;
            }
            if (sending) {
                return;
            }
            sending = true;
            first = outbox.poll();
        }
        pump(first);
    }

    /**
     * Holds every frame sent from now on instead of queueing it, until {@link #release}. A feature
     * that replays stored messages holds, joins its group, reads the backlog, then releases:
     * nothing published meanwhile is lost, and {@code release} drops, by offset, what the backlog
     * already had.
     */
    public synchronized void hold() {
        if (held == null && !closed) {
            held = new ArrayList<>();
        }
    }

    /**
     * Queues {@code first} (the backlog, oldest first), then, in the order they were sent, the held
     * frames with no offset or with an offset above {@code replayedUpTo} (the offset of the newest
     * frame in the backlog, in the group's offset units; {@link #NO_OFFSET} when nothing was
     * replayed keeps every held frame), and ends holding. Held frames at or below
     * {@code replayedUpTo} are dropped: the backlog had them. Frames sent concurrently by other
     * threads queue after these. Not held: queues {@code first} only. Broadcasts at or below
     * {@code replayedUpTo} that arrive later are dropped as well (see the class comment).
     */
    public void release(List<String> first, long replayedUpTo) {
        String next;
        synchronized (this) {
            List<Held> pending = held == null ? List.of() : held;
            held = null;
            this.replayedUpTo = Math.max(this.replayedUpTo, replayedUpTo);
            if (closed) {
                return;
            }
            for (String text : first) {
                if (!enqueue(text, null)) {
                    return;
                }
            }
            for (Held frame : pending) {
                boolean keep = frame.offset() < 0 || frame.offset() > this.replayedUpTo;
                if (keep && !enqueue(frame.text(), frame.conflationKey())) {
                    return;
                }
            }
            if (sending) {
                return;
            }
            sending = true;
            next = outbox.poll();
            if (next == null) {
                sending = false;
            }
        }
        pump(next);
    }

    // Guarded by this. The held window is one query long, but still bounded like the outbox: past
    // capacity the client is disconnected (it resumes from its last id) rather than silently missing frames.
    private void hold(String text, String conflationKey, long offset) {
        if (held.size() >= outbox.capacity()) {
            closed = true;
            held = null;
            outbox.clear();
            listener.overflowed(this);
            return;
        }
        held.add(new Held(text, conflationKey, offset));
    }

    // Guarded by this; false when the connection was closed for overflow.
    private boolean enqueue(String text, String conflationKey) {
        switch (outbox.offer(text, conflationKey)) {
            case OVERFLOW -> {
                closed = true;
                outbox.clear();
                held = null;
                listener.overflowed(this);
                return false;
            }
            case DROPPED_OLDEST -> listener.dropped(this);
            case CONFLATED -> listener.conflated(this);
            default -> { }
        }
        return true;
    }

    /** How many frames may wait for this client (the configured send queue capacity). */
    public int capacity() {
        return outbox.capacity();
    }

    /** As {@link #close}, and the transport is dropped even if the peer never reads the close frame. */
    void abort(int code, String reason) {
        synchronized (this) {
            closed = true;
            outbox.clear();
        }
        sink.abort(code, reason);
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
                inFlight = true;
                inFlightSweeps = 0;
                completedInline = false;
            }
            sink.sendAsync(text, onSent);
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
        String next = null;
        boolean failed = false;
        boolean resume = false;
        idleSweeps = 0;
        synchronized (this) {
            inFlight = false;
            if (failure != null && !closed) {
                closed = true;
                outbox.clear();
                failed = true;
            }
            if (inTransmit) {
                completedInline = true;
            } else {
                next = nextOrIdle();
                resume = true;
            }
        }
        if (failed) {
            // A socket that cannot take a frame is closed, so its client reconnects and resumes.
            sink.close(1011, "Send failed");
        }
        if (resume) {
            pump(next);
        }
    }

    /** Marks the socket active: a frame arrived from the client. */
    public void touch() {
        idleSweeps = 0;
    }

    /**
     * Called by the hub's sweep: how many sweeps (including this one) the socket has been idle,
     * and, in {@code stuck[0]}, how many its frame in flight has waited (0 when none is in flight).
     */
    /** What this socket's channel does when it leaves ({@link ChannelSockets}); run once by {@link #leave}. */
    private Runnable leaving;
    /** Guarded by this. */
    private boolean left;
    /** Consecutive sweeps that found the socket closed while it is still registered; guarded by this. */
    private int deadSweeps;

    /** Sets what {@link #leave} runs. */
    public void onLeave(Runnable leave) {
        this.leaving = leave;
    }

    /**
     * Runs the channel's leave once, whoever comes first: the container's {@code @OnClose}, or the
     * hub's sweep for a socket whose close the container never reported.
     */
    public void leave() {
        Runnable run;
        synchronized (this) {
            if (left) {
                return;
            }
            left = true;
            run = leaving;
        }
        if (run != null) {
            run.run();
        }
    }

    /**
     * For the hub's sweep: how many sweeps in a row found this socket closed (by Pulse, or as the
     * container sees its session) while it is still registered, 0 when open.
     */
    int deadSweeps() {
        synchronized (this) {
            deadSweeps = closed || !sink.isOpen() ? deadSweeps + 1 : 0;
            return deadSweeps;
        }
    }

    int sweep(int[] stuck) {
        synchronized (this) {
            stuck[0] = inFlight ? ++inFlightSweeps : 0;
        }
        return ++idleSweeps;
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
