package dev.pulse.realtime;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;

/**
 * The bounded queue of text frames waiting for one client. Not thread-safe: {@link Connection}
 * guards it. Frames sharing a conflation key replace each other in place, so a slow client
 * gets the latest price of a symbol instead of a backlog of stale ones.
 */
final class Outbox {

    /** What {@link #offer} did with the frame. */
    enum Offer { QUEUED, CONFLATED, DROPPED_OLDEST, OVERFLOW }

    private static final class Frame {
        final String key;
        String text;

        Frame(String key, String text) {
            this.key = key;
            this.text = text;
        }
    }

    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final int capacity;
    private final OverflowPolicy policy;

    Outbox(int capacity, OverflowPolicy policy) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.policy = Objects.requireNonNull(policy);
    }

    Offer offer(String text, String conflationKey) {
        if (conflationKey != null) {
            for (Iterator<Frame> it = frames.iterator(); it.hasNext(); ) {
                Frame frame = it.next();
                if (conflationKey.equals(frame.key)) {
                    frame.text = text;
                    return Offer.CONFLATED;
                }
            }
        }
        if (frames.size() < capacity) {
            frames.addLast(new Frame(conflationKey, text));
            return Offer.QUEUED;
        }
        if (policy == OverflowPolicy.DISCONNECT) {
            return Offer.OVERFLOW;
        }
        frames.pollFirst();
        frames.addLast(new Frame(conflationKey, text));
        return Offer.DROPPED_OLDEST;
    }

    /** The next frame's text, or null when empty. */
    String poll() {
        Frame frame = frames.pollFirst();
        return frame == null ? null : frame.text;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return frames.size();
    }

    void clear() {
        frames.clear();
    }
}
