package dev.pulse.chat;

import dev.pulse.realtime.Hub;
import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.ClusterStoppedException;
import dev.pulse.realtime.cluster.SharedMap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is online in each room, counted by users (two tabs of one user count once) across every
 * instance, in constant time per join and leave.
 *
 * <p>Each instance counts its own sockets per room and user locally. Only a user's first socket
 * on this instance (arrival) and last one (departure) touch the cluster, under a per-room lock:
 * the instance publishes one entry per (room, user, instance) in a shared map with a TTL that
 * a timer refreshes, checks the same user's entries of the other instances it knows (one
 * {@code getAll}), and moves the room's count, kept in a cluster map, by one. Further tabs of a
 * user present here cost no cluster operation. The count is announced to the room as
 * {@code {"event":"online_count","online_count":N}} when it changes; a socket whose join changes
 * nothing gets the count for itself.
 *
 * <p>The periodic refresh (and a room's first arrival on this instance) recounts the room from
 * the entries: an instance that dies stops refreshing, its entries expire after
 * {@code pulse.chat.presence-ttl-seconds}, and the survivors' next refresh announces the lower
 * count. The recount is also how an instance learns the others' ids. When the cluster state is
 * not clustered the entries, expiry and recounts would only mirror this instance's own sockets, so
 * the count is taken from those directly (no entries, nothing to refresh); the announced counts
 * and the room locks go through the cluster state either way.
 */
@ApplicationScoped
public class PresenceTracker {

    private static final Logger LOG = Logger.getLogger(PresenceTracker.class.getName());
    static final String PRESENCE_MAP = "pulse.chat.presence";
    static final String ANNOUNCED_MAP = "pulse.chat.online-announced";
    private static final char SEPARATOR = '\n';

    @Inject
    ClusterState cluster;

    @Inject
    Hub hub;

    @Inject
    ChatSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** This deployment's identity in the shared map. */
    private final String instance = UUID.randomUUID().toString();
    /** room -> user -> open sockets on this instance; each room's map is changed only inside {@code compute}. */
    private final Map<String, Map<String, Integer>> sockets = new ConcurrentHashMap<>();
    /** (room, user) pairs this instance has published; changed only under the room lock. */
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    /** Rooms whose entries this instance has recounted at least once while it had sockets there. */
    private final Set<String> recounted = ConcurrentHashMap.newKeySet();
    /** Instance ids seen in the presence map (this one included). */
    private final Set<String> instances = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> refresher;

    @PostConstruct
    void start() {
        instances.add(instance);
        long period = settings.presenceRefreshSeconds();
        refresher = scheduler.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            refresher.cancel(false);
        }
        if (!cluster.clustered()) {
            return;
        }
        try {
            SharedMap<String> map = presenceMap();
            published.forEach(pair -> map.delete(pair + SEPARATOR + instance));
        } catch (ClusterStoppedException e) {
            // The member went first (the server is stopping): the entries expire by their TTL.
            LOG.log(Level.FINE, "presence entries left to expire: the cluster member has shut down", e);
        }
    }

    /**
     * A socket of {@code user} entered {@code room}. A changed count is broadcast to the room;
     * otherwise the count is returned, for the joining socket only (another tab of a user already here).
     */
    public Optional<ChatEvents.OnlineCount> join(String room, String user) {
        if (adjust(room, user, 1) > 1) {
            // Another socket of this user is already here: the room's user count cannot change.
            return Optional.of(new ChatEvents.OnlineCount(onlineCount(room)));
        }
        int announced = underRoomLock(room, () -> reconcile(room, user));
        return announced >= 0 ? Optional.empty() : Optional.of(new ChatEvents.OnlineCount(onlineCount(room)));
    }

    /** A socket of {@code user} left {@code room}. */
    public void leave(String room, String user) {
        if (adjust(room, user, -1) == 0) {
            try {
                underRoomLock(room, () -> reconcile(room, user));
            } catch (ClusterStoppedException e) {
                // Sockets closing as the server stops: this instance's entries expire by their TTL.
                LOG.log(Level.FINE, "presence not withdrawn: the cluster member has shut down", e);
            }
        }
    }

    /** Adds {@code delta} to the user's open sockets in the room on this instance; returns the new number. */
    private int adjust(String room, String user, int delta) {
        int[] open = new int[1];
        sockets.compute(room, (r, users) -> {
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

    private int localSockets(String room, String user) {
        Map<String, Integer> users = sockets.get(room);
        return users == null ? 0 : users.getOrDefault(user, 0);
    }

    /*
     * Under the room lock: makes the published state of (room, user) match this instance's sockets
     * (concurrent joins and leaves may have changed them since the caller looked), moves the count,
     * and announces it if it changed. Returns the announced count, or -1 when unchanged.
     */
    private int reconcile(String room, String user) {
        String pair = room + SEPARATOR + user;
        boolean present = localSockets(room, user) > 0;
        if (present == published.contains(pair)) {
            return -1;
        }
        if (!cluster.clustered()) {
            if (present) {
                published.add(pair);
            } else {
                published.remove(pair);
            }
            Map<String, Integer> users = sockets.get(room);
            return announceIfChanged(room, users == null ? 0 : users.size());
        }
        SharedMap<String> map = presenceMap();
        if (present) {
            published.add(pair);
            publish(map, room, user);
            if (recounted.add(room)) {
                // First arrival here since this instance had no one in the room: count from the entries.
                return announceIfChanged(room, recount(map, room));
            }
            return elsewhere(map, room, user) ? -1 : announceIfChanged(room, onlineCount(room) + 1);
        }
        published.remove(pair);
        map.delete(pair + SEPARATOR + instance);
        if (!sockets.containsKey(room)) {
            recounted.remove(room);
        }
        return elsewhere(map, room, user) ? -1 : announceIfChanged(room, Math.max(0, onlineCount(room) - 1));
    }

    /** Whether another instance this one knows of has published the user in the room. */
    private boolean elsewhere(SharedMap<String> map, String room, String user) {
        Set<String> keys = new HashSet<>();
        for (String other : instances) {
            if (!other.equals(instance)) {
                keys.add(room + SEPARATOR + user + SEPARATOR + other);
            }
        }
        return !keys.isEmpty() && !map.getAll(keys).isEmpty();
    }

    /*
     * Broadcasting inside the room lock keeps announcements in order, so clients end on the true
     * count. Returns the count when it differs from the last announced one, else -1.
     */
    private int announceIfChanged(String room, int count) {
        if (!announce(room, count)) {
            return -1;
        }
        hub.broadcast(ChatPosting.group(room), new ChatEvents.OnlineCount(count));
        return count;
    }

    /** Users online in a room, on every instance (the last count announced). */
    public int onlineCount(String room) {
        Integer count = announcedMap().get(room);
        return count == null ? 0 : count;
    }

    /** Keeps this instance's entries alive and announces counts that changed by expiry elsewhere. */
    void refresh() {
        if (!cluster.clustered()) {
            // No entries to keep alive, and no other instance whose entries could expire.
            return;
        }
        try {
            SharedMap<String> map = presenceMap();
            for (String room : sockets.keySet()) {
                // Under the lock, so a user leaving meanwhile is never published again.
                underRoomLock(room, () -> {
                    for (String pair : published) {
                        if (pair.startsWith(room + SEPARATOR)) {
                            publish(map, room, pair.substring(room.length() + 1));
                        }
                    }
                    recounted.add(room);
                    return announceIfChanged(room, recount(map, room));
                });
            }
        } catch (ClusterStoppedException e) {
            // A beat racing the server's stop: nothing to keep alive any more.
            LOG.log(Level.FINE, "presence refresh skipped: the cluster member has shut down", e);
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule: the next one retries.
            LOG.log(Level.WARNING, "presence refresh failed", e);
        }
    }

    private void publish(SharedMap<String> map, String room, String user) {
        map.set(room + SEPARATOR + user + SEPARATOR + instance, room, Duration.ofSeconds(settings.presenceTtlSeconds()));
    }

    /** Distinct users with a live entry in the room (a scan: only on refresh and a room's first arrival). */
    private int recount(SharedMap<String> map, String room) {
        Set<String> users = new HashSet<>();
        // By value (the room) rather than key prefix: exact whatever characters the room name holds.
        for (String key : map.keysWithValue(room)) {
            int first = key.indexOf(SEPARATOR);
            int second = key.indexOf(SEPARATOR, first + 1);
            users.add(key.substring(first + 1, second));
            instances.add(key.substring(second + 1));
        }
        return users.size();
    }

    /** Records the count as announced; true when it differs from the last announced one. */
    private boolean announce(String room, int count) {
        SharedMap<Integer> announced = announcedMap();
        Integer previous = count == 0 ? announced.remove(room) : announced.put(room, count);
        return previous == null ? count != 0 : previous != count;
    }

    /** The room's key in the announced-counts map is its lock: every change of its count runs under it. */
    private int underRoomLock(String room, IntSupplier work) {
        return announcedMap().locked(room, work::getAsInt);
    }

    private SharedMap<String> presenceMap() {
        return cluster.map(PRESENCE_MAP);
    }

    private SharedMap<Integer> announcedMap() {
        return cluster.map(ANNOUNCED_MAP);
    }
}
