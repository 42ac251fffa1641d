package dev.pulse.chat;

import dev.pulse.realtime.cluster.ClusterState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * Serializes "store, commit, broadcast" per room across the cluster, so a room's message ids are
 * committed and broadcast in increasing order. Resume relies on it: a client that saw id N has
 * seen every id below N, and a backlog read never misses a message that commits later with a
 * smaller id. The lock is the room's key in a shared map used only for locking (on a single
 * instance, a lock of this JVM).
 */
@ApplicationScoped
public class RoomLock {

    static final String MAP = "pulse.chat.room-locks";

    @Inject
    ClusterState cluster;

    public <T> T inOrder(String room, Supplier<T> work) {
        return cluster.<Boolean>map(MAP).locked(room, work);
    }
}
