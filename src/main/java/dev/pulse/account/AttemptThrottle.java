package dev.pulse.account;

import com.hazelcast.map.IMap;
import dev.pulse.realtime.HazelcastLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts attempts per key (a username, a client address) in sliding windows shared by the whole
 * cluster: one Hazelcast map entry per key holding the attempt times, with a TTL of the window so
 * idle keys disappear by themselves. An attempt is recorded when it is admitted, before the
 * expensive work, so concurrent attempts cannot all slip through on the same free slot. Without
 * Hazelcast a local map does the same (per instance).
 */
@ApplicationScoped
public class AttemptThrottle {

    static final String MAP = "pulse.accounts.attempts";
    /** Above this many local keys, stale ones are swept (a stream of distinct usernames must not grow memory forever). */
    private static final int LOCAL_SWEEP_THRESHOLD = 10_000;

    @Inject
    HazelcastLookup hazelcast;

    private final Map<String, long[]> local = new ConcurrentHashMap<>();

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
        Optional<IMap<String, long[]>> map = map();
        if (map.isPresent()) {
            map.get().delete(key);
        } else {
            local.remove(key);
        }
    }

    private void update(String key, long ttlMillis, java.util.function.UnaryOperator<long[]> change) {
        Optional<IMap<String, long[]>> map = map();
        if (map.isPresent()) {
            IMap<String, long[]> attempts = map.get();
            attempts.lock(key);
            try {
                long[] next = change.apply(attempts.get(key));
                if (next.length == 0) {
                    attempts.delete(key);
                } else {
                    attempts.set(key, next, ttlMillis, TimeUnit.MILLISECONDS);
                }
            } finally {
                attempts.unlock(key);
            }
            return;
        }
        if (local.size() > LOCAL_SWEEP_THRESHOLD) {
            long now = System.currentTimeMillis();
            local.entrySet().removeIf(e -> e.getValue().length == 0 || e.getValue()[e.getValue().length - 1] < now - ttlMillis);
        }
        local.compute(key, (k, log) -> {
            long[] next = change.apply(log);
            return next.length == 0 ? null : next;
        });
    }

    private Optional<IMap<String, long[]>> map() {
        return hazelcast.instance().map(hz -> hz.<String, long[]>getMap(MAP));
    }
}
