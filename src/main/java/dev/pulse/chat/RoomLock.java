package dev.pulse.chat;

import com.hazelcast.map.IMap;
import dev.pulse.realtime.HazelcastLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes "store, commit, broadcast" per room across the cluster, so a room's message ids are
 * committed and broadcast in increasing order. Resume relies on it: a client that saw id N has
 * seen every id below N, and a backlog read never misses a message that commits later with a
 * smaller id. Without Hazelcast a JVM-local lock per room does the same.
 */
@ApplicationScoped
public class RoomLock {

    static final String MAP = "pulse.chat.room-locks";

    @Inject
    HazelcastLookup hazelcast;

    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

    public <T> T inOrder(String room, Supplier<T> work) {
        Optional<IMap<String, Boolean>> locks = hazelcast.instance().map(hz -> hz.getMap(MAP));
        if (locks.isPresent()) {
            locks.get().lock(room);
            try {
                return work.get();
            } finally {
                locks.get().unlock(room);
            }
        }
        ReentrantLock lock = local.computeIfAbsent(room, r -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
