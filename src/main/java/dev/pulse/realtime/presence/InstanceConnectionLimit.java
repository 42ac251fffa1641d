package dev.pulse.realtime.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts each authenticated user's open sockets on this instance against a per-user limit: the
 * whole of {@link ConnectionLimit} without a cluster, and its fallback when the cluster fails.
 * Anonymous clients ({@code null} user) are not counted (they have no identity to count by).
 */
public class InstanceConnectionLimit {

    private final int maxPerUser;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public InstanceConnectionLimit(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /** Counts a new socket of {@code user}; false (and not counted) when the user is at the limit. */
    public boolean admit(String user) {
        if (user == null) {
            return true;
        }
        boolean[] admitted = {false};
        open.compute(user, (u, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerUser) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    public void release(String user) {
        if (user != null) {
            open.computeIfPresent(user, (u, count) -> count <= 1 ? null : count - 1);
        }
    }

    public int count(String user) {
        return user == null ? 0 : open.getOrDefault(user, 0);
    }
}
