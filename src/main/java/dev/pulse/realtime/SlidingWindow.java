package dev.pulse.realtime;

import java.util.Arrays;

/**
 * A sliding-window limit over a log of attempt times (epoch millis, ascending): at most
 * {@code limit} attempts within any {@code windowMillis}. Pure and immutable, so the log can live
 * in a Hazelcast map as a plain {@code long[]} (no application class needs to be deserializable
 * by the cluster) and the arithmetic is unit tested without a server.
 */
public record SlidingWindow(int limit, long windowMillis) {

    public SlidingWindow {
        if (limit < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
    }

    /** The attempts still inside the window at {@code now}. */
    public long[] recent(long[] log, long now) {
        if (log == null) {
            return new long[0];
        }
        long oldestKept = now - windowMillis;
        int first = 0;
        while (first < log.length && log[first] <= oldestKept) {
            first++;
        }
        // Never keep more than the limit: older ones cannot change a verdict.
        first = Math.max(first, log.length - limit);
        return Arrays.copyOfRange(log, first, log.length);
    }

    /** Milliseconds until one more attempt is allowed; 0 when it is allowed now. */
    public long retryAfterMillis(long[] recent, long now) {
        if (recent.length < limit) {
            return 0;
        }
        // The attempt that must leave the window before another one fits.
        long blocking = recent[recent.length - limit];
        return Math.max(1, blocking + windowMillis - now);
    }

    /** The log with an attempt at {@code now} appended (kept ascending). */
    public long[] plus(long[] recent, long now) {
        long[] next = Arrays.copyOf(recent, recent.length + 1);
        next[recent.length] = Math.max(now, recent.length == 0 ? now : recent[recent.length - 1]);
        return next;
    }

    /** The log without one attempt at {@code stamp} (a forgiven attempt). */
    public static long[] minus(long[] log, long stamp) {
        if (log == null) {
            return new long[0];
        }
        for (int i = log.length - 1; i >= 0; i--) {
            if (log[i] == stamp) {
                long[] next = new long[log.length - 1];
                System.arraycopy(log, 0, next, 0, i);
                System.arraycopy(log, i + 1, next, i, log.length - i - 1);
                return next;
            }
        }
        return log;
    }
}
