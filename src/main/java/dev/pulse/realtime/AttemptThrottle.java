package dev.pulse.realtime;

import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.SharedMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Counts attempts per key in sliding windows shared by the whole cluster (callers namespace their
 * keys, as accounts do with {@code login-user:alice}): one shared map entry per key holding the
 * attempt times, with a TTL of the window so idle keys disappear by themselves (on a single
 * instance the map is local, and swept of expired keys as it grows). An attempt is recorded when it is admitted, before the expensive work, and
 * each change is one atomic update of the key, so concurrent attempts cannot all slip through on
 * the same free slot.
 *
 * <p>Beside {@link RateLimiter}: that one estimates high rates in constant memory and may refuse a
 * little early; this one keeps an exact log of few, costly attempts and can forgive one.
 */
@ApplicationScoped
public class AttemptThrottle {

    /**
     * Named when only accounts used it. Kept: during a rolling upgrade a new name would split the
     * counts between old and new instances, which a pure move must not do.
     */
    static final String MAP = "pulse.accounts.attempts";

    @Inject
    ClusterState cluster;

    /** Admitted: the attempt's stamp (to forgive it later). Refused: empty plus the wait. */
    public record Admission(boolean admitted, long stamp, long retryAfterMillis) {

        /** Whole seconds to wait, rounded up, at least 1 (for {@code Retry-After}). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterMillis + 999) / 1000);
        }
    }

    /** Records an attempt under {@code key} unless the window is full. */
    public Admission admit(String key, SlidingWindow window) {
        long now = System.currentTimeMillis();
        Admission[] verdict = new Admission[1];
        update(key, window.windowMillis(), log -> {
            long[] recent = window.recent(log, now);
            long wait = window.retryAfterMillis(recent, now);
            if (wait > 0) {
                verdict[0] = new Admission(false, 0, wait);
                return recent;
            }
            long[] next = window.plus(recent, now);
            verdict[0] = new Admission(true, next[next.length - 1], 0);
            return next;
        });
        return verdict[0];
    }

    /** Removes one admitted attempt (it turned out to be legitimate). */
    public void forgive(String key, Admission admission, SlidingWindow window) {
        if (admission.admitted()) {
            update(key, window.windowMillis(), log -> SlidingWindow.minus(log, admission.stamp()));
        }
    }

    /** Forgets every attempt under {@code key}. */
    public void reset(String key) {
        attempts().delete(key);
    }

    /** An empty log removes the key rather than keeping an empty entry. */
    private void update(String key, long ttlMillis, UnaryOperator<long[]> change) {
        attempts().update(key, Duration.ofMillis(ttlMillis), log -> {
            long[] next = change.apply(log);
            return next.length == 0 ? null : next;
        });
    }

    private SharedMap<long[]> attempts() {
        return cluster.map(MAP);
    }
}
