package dev.pulse.realtime.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A {@link SharedMap} within this instance. Each entry carries its expiry (epoch ms of the
 * injected clock, {@link Long#MAX_VALUE} for none); an expired entry is gone for every read and
 * is dropped when read. So that keys written once and never read again (addresses, usernames) do
 * not grow memory forever, a write that finds the map larger than its sweep mark first sweeps out
 * every expired entry; the mark then doubles the live size (at least {@code sweepFloor}), which
 * keeps the sweeps' cost constant per write.
 */
final class LocalSharedMap<V> implements SharedMap<V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final Clock clock;
    private final int sweepFloor;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final KeyLocks locks = new KeyLocks();
    private volatile int sweepMark;

    LocalSharedMap(Clock clock, int sweepFloor) {
        this.clock = clock;
        this.sweepFloor = sweepFloor;
        this.sweepMark = sweepFloor;
    }

    @Override
    public V get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (expired(entry, clock.millis())) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    @Override
    public Map<String, V> getAll(Set<String> keys) {
        Map<String, V> found = new HashMap<>();
        for (String key : keys) {
            V value = get(key);
            if (value != null) {
                found.put(key, value);
            }
        }
        return found;
    }

    @Override
    public Map<String, V> entries() {
        long now = clock.millis();
        Map<String, V> live = new HashMap<>();
        entries.forEach((key, entry) -> {
            if (!expired(entry, now)) {
                live.put(key, entry.value());
            }
        });
        return live;
    }

    @Override
    public Set<String> keysWithValue(V value) {
        long now = clock.millis();
        Set<String> keys = new HashSet<>();
        entries.forEach((key, entry) -> {
            if (!expired(entry, now) && Objects.equals(entry.value(), value)) {
                keys.add(key);
            }
        });
        return keys;
    }

    @Override
    public void set(String key, V value) {
        write(key, new Entry<>(value, Long.MAX_VALUE));
    }

    @Override
    public void set(String key, V value, Duration ttl) {
        write(key, new Entry<>(value, expiry(clock.millis(), ttl)));
    }

    @Override
    public V put(String key, V value) {
        return live(write(key, new Entry<>(value, Long.MAX_VALUE)), clock.millis());
    }

    @Override
    public V putIfAbsent(String key, V value, Duration ttl) {
        sweepIfLarge();
        long now = clock.millis();
        Entry<V> mine = new Entry<>(value, expiry(now, ttl));
        Entry<V> held = entries.compute(key, (k, current) -> current == null || expired(current, now) ? mine : current);
        return held == mine ? null : held.value();
    }

    @Override
    public boolean setTtl(String key, Duration ttl) {
        long now = clock.millis();
        return alterLive(key, now, current -> new Entry<>(current.value(), expiry(now, ttl)));
    }

    @Override
    public V remove(String key) {
        return live(entries.remove(key), clock.millis());
    }

    @Override
    public boolean remove(String key, V expected) {
        return alterLive(key, clock.millis(), current -> Objects.equals(current.value(), expected) ? null : current);
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public <T> T locked(String key, Supplier<T> work) {
        locks.lock(key);
        try {
            return work.get();
        } finally {
            locks.unlock(key);
        }
    }

    /** The lease is ignored: a lock here cannot outlive the instance that holds it. */
    @Override
    public <T> Optional<T> tryLocked(String key, Duration wait, Duration lease, Supplier<T> work) {
        try {
            if (!locks.tryLock(key, wait.toMillis())) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            locks.unlock(key);
        }
    }

    /** Entries held now, expired ones not yet swept included. */
    int size() {
        return entries.size();
    }

    /** Keys with a lock held or awaited now. */
    int lockedKeys() {
        return locks.size();
    }

    private Entry<V> write(String key, Entry<V> entry) {
        sweepIfLarge();
        return entries.put(key, entry);
    }

    /**
     * Replaces the key's live entry by {@code change}'s result (null removes it), atomically; an
     * expired entry is dropped instead. True when the entry was replaced or removed.
     */
    private boolean alterLive(String key, long now, UnaryOperator<Entry<V>> change) {
        boolean[] altered = new boolean[1];
        entries.computeIfPresent(key, (k, current) -> {
            if (expired(current, now)) {
                return null;
            }
            Entry<V> next = change.apply(current);
            altered[0] = next != current;
            return next;
        });
        return altered[0];
    }

    private void sweepIfLarge() {
        if (entries.size() <= sweepMark) {
            return;
        }
        long now = clock.millis();
        entries.values().removeIf(entry -> expired(entry, now));
        sweepMark = Math.max(sweepFloor, 2 * entries.size());
    }

    private static boolean expired(Entry<?> entry, long now) {
        return now >= entry.expiresAt();
    }

    private static <V> V live(Entry<V> entry, long now) {
        return entry == null || expired(entry, now) ? null : entry.value();
    }

    /** As IMap: a zero TTL means no expiry. */
    private static long expiry(long now, Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("a TTL cannot be negative: " + ttl);
        }
        return ttl.isZero() ? Long.MAX_VALUE : now + ttl.toMillis();
    }
}
