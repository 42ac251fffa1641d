package dev.pulse.realtime.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One reentrant lock per key, kept only while a thread holds or waits for it: a stream of
 * distinct keys (rooms, users) must not leave a lock behind each.
 */
final class KeyLocks {

    private static final class Held {
        final ReentrantLock lock = new ReentrantLock();
        /** Threads holding or waiting; changed only inside the map's compute for the key. */
        int users;
    }

    private final Map<String, Held> locks = new ConcurrentHashMap<>();

    /** Locks {@code key}, waiting as long as it takes; the caller must {@link #unlock} it. */
    void lock(String key) {
        enter(key).lock.lock();
    }

    /** Locks {@code key} if it is free within {@code waitMillis}; true when locked (then unlock it). */
    boolean tryLock(String key, long waitMillis) throws InterruptedException {
        Held held = enter(key);
        boolean locked = false;
        try {
            locked = held.lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
            return locked;
        } finally {
            if (!locked) {
                leave(key);
            }
        }
    }

    void unlock(String key) {
        locks.get(key).lock.unlock();
        leave(key);
    }

    /** Keys with a lock now (held or awaited). */
    int size() {
        return locks.size();
    }

    private Held enter(String key) {
        return locks.compute(key, (k, held) -> {
            Held next = held == null ? new Held() : held;
            next.users++;
            return next;
        });
    }

    private void leave(String key) {
        locks.computeIfPresent(key, (k, held) -> --held.users == 0 ? null : held);
    }
}
