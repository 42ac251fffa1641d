package dev.pulse.realtime.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A named map of the {@link ClusterState}, with String keys, following Hazelcast's {@code IMap}
 * contract for the operations Pulse uses.
 *
 * <p>TTLs: an entry written with a TTL disappears that long after its last write (or
 * {@link #setTtl}); {@link Duration#ZERO} means it never expires, and an entry written without a
 * TTL never expires. TTLs are kept to the millisecond. Values are compared with {@code equals}
 * (Hazelcast compares their serialized form, the same for String, Integer and Boolean).
 *
 * <p>Locks: {@link #locked}, {@link #tryLocked} and {@link #update} take a per-key lock that
 * excludes the same key's other locked sections on every member; it is reentrant for the thread
 * that holds it. Plain writes do not wait for it locally (on Hazelcast they do), so a key that is
 * locked anywhere is written only inside its sections.
 *
 * @param <V> the value type: a type Hazelcast serializes natively (String, Integer, Boolean, {@code long[]}...)
 */
public interface SharedMap<V> {

    /** The live value under {@code key}, or null. */
    V get(String key);

    /** The live entries among {@code keys} (absent keys are left out), in one round trip. */
    Map<String, V> getAll(Set<String> keys);

    /** A snapshot of every live entry (a full scan: for small maps). */
    Map<String, V> entries();

    /** The keys whose live value equals {@code value} (a full scan, run where the entries live). */
    Set<String> keysWithValue(V value);

    /** Writes without expiry. */
    void set(String key, V value);

    /** Writes with a TTL. */
    void set(String key, V value, Duration ttl);

    /** Writes without expiry and returns the previous live value, or null. */
    V put(String key, V value);

    /** Writes {@code value} with a TTL unless a live entry exists: returns that entry's value, or null when written. */
    V putIfAbsent(String key, V value, Duration ttl);

    /** Restarts a live entry's TTL from now; false when there is no live entry (it expired or was removed). */
    boolean setTtl(String key, Duration ttl);

    /** Removes the entry and returns its live value, or null. */
    V remove(String key);

    /** Removes the entry only if its live value equals {@code expected}; true when removed. */
    boolean remove(String key, V expected);

    /** Removes the entry, if any (cheaper than {@link #remove(String)}: nothing comes back). */
    void delete(String key);

    /** Runs {@code work} holding {@code key}'s lock, waiting as long as it takes; the lock has no lease. */
    <T> T locked(String key, Supplier<T> work);

    /**
     * Runs {@code work} holding {@code key}'s lock if it is had within {@code wait}: its result
     * (which must not be null), or empty when the lock stayed taken (or the thread was interrupted
     * while waiting; its interrupt flag is then set again). On Hazelcast the lock is released by
     * itself after {@code lease}, so a member that dies holding it blocks the key that long at most;
     * locally the lease is moot (the lock dies with its holder's instance).
     */
    <T> Optional<T> tryLocked(String key, Duration wait, Duration lease, Supplier<T> work);

    /**
     * Atomically replaces the value under {@code key} (null when absent) by {@code change}'s
     * result, written with {@code ttl}; a null result removes the entry. Runs under the key's lock,
     * so concurrent updates on any member never lose one another. Returns the new value.
     */
    default V update(String key, Duration ttl, UnaryOperator<V> change) {
        return locked(key, () -> {
            V next = change.apply(get(key));
            if (next == null) {
                delete(key);
            } else {
                set(key, next, ttl);
            }
            return next;
        });
    }
}
