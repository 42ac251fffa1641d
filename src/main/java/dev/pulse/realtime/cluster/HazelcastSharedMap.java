package dev.pulse.realtime.cluster;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A {@link SharedMap} over a Hazelcast {@code IMap} of the same name. */
final class HazelcastSharedMap<V> implements SharedMap<V> {

    private final IMap<String, V> map;

    HazelcastSharedMap(IMap<String, V> map) {
        this.map = map;
    }

    @Override
    public V get(String key) {
        return call(() -> map.get(key));
    }

    @Override
    public Map<String, V> getAll(Set<String> keys) {
        return call(() -> map.getAll(keys));
    }

    @Override
    public Map<String, V> entries() {
        return call(() -> {
            Map<String, V> copy = new HashMap<>();
            map.entrySet().forEach(entry -> copy.put(entry.getKey(), entry.getValue()));
            return copy;
        });
    }

    /** The predicate runs on the members that own the entries; {@code value} must be Comparable (a String). */
    @Override
    public Set<String> keysWithValue(V value) {
        return call(() -> map.keySet(Predicates.equal("this", (Comparable<?>) value)));
    }

    @Override
    public void set(String key, V value) {
        run(() -> map.set(key, value));
    }

    @Override
    public void set(String key, V value, Duration ttl) {
        run(() -> map.set(key, value, ttl.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public V put(String key, V value) {
        return call(() -> map.put(key, value));
    }

    @Override
    public V putIfAbsent(String key, V value, Duration ttl) {
        return call(() -> map.putIfAbsent(key, value, ttl.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean setTtl(String key, Duration ttl) {
        return call(() -> map.setTtl(key, ttl.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public V remove(String key) {
        return call(() -> map.remove(key));
    }

    @Override
    public boolean remove(String key, V expected) {
        return call(() -> map.remove(key, expected));
    }

    @Override
    public void delete(String key) {
        run(() -> map.delete(key));
    }

    @Override
    public <T> T locked(String key, Supplier<T> work) {
        run(() -> map.lock(key));
        try {
            return work.get();
        } finally {
            run(() -> map.unlock(key));
        }
    }

    @Override
    public <T> Optional<T> tryLocked(String key, Duration wait, Duration lease, Supplier<T> work) {
        boolean locked;
        try {
            locked = map.tryLock(key, wait.toMillis(), TimeUnit.MILLISECONDS, lease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (HazelcastInstanceNotActiveException e) {
            throw new ClusterStoppedException(e);
        }
        if (!locked) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            run(() -> map.unlock(key));
        }
    }

    /** Runs a Hazelcast call, turning "member shut down" into the seam's own exception. */
    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (HazelcastInstanceNotActiveException e) {
            throw new ClusterStoppedException(e);
        }
    }

    static void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }
}
