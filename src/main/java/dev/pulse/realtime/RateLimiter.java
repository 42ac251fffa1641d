package dev.pulse.realtime;

import dev.pulse.realtime.cluster.ClusterState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits per key over the whole cluster, in constant time and memory per key: at most
 * {@code events} per sliding {@code window}, estimated as in the sliding-window counter
 * (the previous fixed window's count weighted by how much of it the sliding window still covers,
 * plus the current window's count).
 *
 * <p>The counts live in one small shared map entry per key, kept for two windows (then they no
 * longer weigh). So that an admission does not cost cluster round trips every time, each instance
 * takes permits from the shared count in leases of a twentieth of the limit (at least one) and
 * spends them locally until the window ends; a user on several instances may therefore be refused
 * up to that many permits early, never let through more than the limit. On a single instance the
 * same runs on the local map.
 */
@ApplicationScoped
public class RateLimiter {

    static final String MAP = "pulse.rate-limits";

    /** A named limit: at most {@code events} in any {@code windowMillis}. */
    public record Limit(String name, int events, long windowMillis) {
        public Limit {
            if (events < 1 || windowMillis < 1) {
                throw new IllegalArgumentException("a limit needs events >= 1 and a window >= 1 ms: " + events + " / " + windowMillis);
            }
        }

        int leaseSize() {
            return Math.max(1, events / 20);
        }
    }

    /** Admitted, or refused with the time until one more event would be admitted. */
    public record Verdict(boolean admitted, long retryAfterMillis) {
        public static final Verdict ADMITTED = new Verdict(true, 0);

        /** Whole seconds to wait, rounded up, at least 1 (for {@code Retry-After} and error texts). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterMillis + 999) / 1000);
        }
    }

    @Inject
    ClusterState cluster;

    /** Permits this instance holds, per limit and key, for one window. */
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    private static final class Lease {
        long window = -1;
        int remaining;
    }

    /** Counts one event under {@code key} unless the limit is reached. */
    public Verdict admit(Limit limit, String key) {
        String id = limit.name() + ':' + key;
        Lease lease = leases.computeIfAbsent(id, k -> new Lease());
        long now = System.currentTimeMillis();
        long window = now / limit.windowMillis();
        synchronized (lease) {
            if (lease.window == window && lease.remaining > 0) {
                lease.remaining--;
                return Verdict.ADMITTED;
            }
            long[] granted = take(limit, id, now);
            if (granted[0] == 0) {
                return new Verdict(false, granted[1]);
            }
            lease.window = window;
            lease.remaining = (int) granted[0] - 1;
            if (leases.size() > 100_000) {
                leases.entrySet().removeIf(e -> e.getValue().window < window);
            }
            return Verdict.ADMITTED;
        }
    }

    /** Takes up to a lease of permits from the shared count: {granted, retryAfterMillis}. */
    private long[] take(Limit limit, String id, long now) {
        long[] result = new long[2];
        cluster.<long[]>map(MAP).update(id, Duration.ofMillis(2 * limit.windowMillis()), state -> grant(limit, state, now, result));
        return result;
    }

    /**
     * The sliding-window counter: {@code state} is {window index, previous count, current count}.
     * Grants up to a lease of permits into {@code result[0]}, or 0 and the wait into {@code result[1]}.
     */
    static long[] grant(Limit limit, long[] state, long now, long[] result) {
        long size = limit.windowMillis();
        long window = now / size;
        long previous = 0;
        long current = 0;
        if (state != null && state[0] == window) {
            previous = state[1];
            current = state[2];
        } else if (state != null && state[0] == window - 1) {
            previous = state[2];
        }
        double elapsed = (now % size) / (double) size;
        double estimate = previous * (1 - elapsed) + current;
        long available = (long) Math.floor(limit.events() - estimate);
        long granted = Math.max(0, Math.min(limit.leaseSize(), available));
        result[0] = granted;
        result[1] = granted > 0 ? 0 : waitMillis(limit, previous, current, elapsed);
        return new long[] {window, previous, current + granted};
    }

    /* When the estimate leaves room for one more event: later in this window as the previous
     * window's weight fades, or in the next one, where this window's count becomes the previous. */
    private static long waitMillis(Limit limit, long previous, long current, double elapsed) {
        double room = limit.events() - 1;
        double size = limit.windowMillis();
        if (current <= room && previous > 0) {
            double at = 1 - (room - current) / previous;
            if (at <= 1) {
                return (long) Math.ceil(Math.max(0, at - elapsed) * size) + 1;
            }
        }
        double at = current == 0 ? 0 : Math.max(0, 1 - room / current);
        return (long) Math.ceil((1 - elapsed + at) * size) + 1;
    }
}
