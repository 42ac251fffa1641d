package dev.pulse.realtime.presence;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's open sockets per group and user: the truth a {@link Roster} mirrors into the
 * cluster. Each group's inner map is changed only inside {@code compute}, so it needs no lock of
 * its own; an emptied group is dropped.
 */
final class LocalSockets {

    private final Map<String, Map<String, Integer>> sockets = new ConcurrentHashMap<>();

    /** Adds {@code delta} to the user's sockets in the group (never below 0); returns the new number. */
    int adjust(String group, String user, int delta) {
        int[] open = new int[1];
        sockets.compute(group, (g, users) -> {
            Map<String, Integer> map = users == null ? new HashMap<>() : users;
            int n = Math.max(0, map.getOrDefault(user, 0) + delta);
            if (n == 0) {
                map.remove(user);
            } else {
                map.put(user, n);
            }
            open[0] = n;
            return map.isEmpty() ? null : map;
        });
        return open[0];
    }

    boolean present(String group, String user) {
        Map<String, Integer> users = sockets.get(group);
        return users != null && users.getOrDefault(user, 0) > 0;
    }

    /** Distinct users with a socket in the group here. */
    int users(String group) {
        Map<String, Integer> users = sockets.get(group);
        return users == null ? 0 : users.size();
    }

    /** The users with a socket in the group here (a copy). */
    Set<String> userSet(String group) {
        Map<String, Integer> users = sockets.get(group);
        return users == null ? Set.of() : Set.copyOf(users.keySet());
    }

    boolean occupied(String group) {
        return sockets.containsKey(group);
    }

    /** The groups with a socket here now (a live view). */
    Set<String> groups() {
        return sockets.keySet();
    }
}
