package dev.pulse.chat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.pulse.realtime.HazelcastLookup;
import dev.pulse.realtime.Hub;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * instance. Each instance keeps its own sockets per room and user, and publishes one entry per
 * (room, user, instance) in a Hazelcast map with a TTL that a timer refreshes while the sockets
 * are open: an instance that dies stops refreshing, its entries expire, and the next refresh
 * of a surviving instance announces the lower count. Counts are announced as
 * {@code {"event":"online_count","online_count":N}} to the room only when they change (a
 * cluster-wide "last announced" entry under a per-room lock decides). Without Hazelcast the same
 * runs on local maps.
 */
@ApplicationScoped
public class PresenceTracker {

    private static final Logger LOG = Logger.getLogger(PresenceTracker.class.getName());
    static final String PRESENCE_MAP = "pulse.chat.presence";
    static final String ANNOUNCED_MAP = "pulse.chat.online-announced";
    private static final char SEPARATOR = '\n';

    @Inject
    HazelcastLookup hazelcast;

    @Inject
    Hub hub;

    @Inject
    ChatSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** This deployment's identity in the shared map. */
    private final String instance = UUID.randomUUID().toString();
    /** room -> user -> open sockets on this instance. */
    private final Map<String, Map<String, Integer>> sockets = new ConcurrentHashMap<>();
    /** Fallback state when there is no cluster. */
    private final Map<String, Integer> localAnnounced = new ConcurrentHashMap<>();
    private final Map<String, Object> localLocks = new ConcurrentHashMap<>();
    private ScheduledFuture<?> refresher;

    @PostConstruct
    void start() {
        long period = settings.presenceRefreshSeconds();
        refresher = scheduler.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            refresher.cancel(false);
        }
        presenceMap().ifPresent(map -> sockets.forEach((room, users) -> users.keySet().forEach(user -> map.remove(key(room, user)))));
    }

    /**
     * A socket of {@code user} entered {@code room}. A changed count is broadcast to the room;
     * otherwise the count is returned, for the joining socket only (another tab of a user already here).
     */
    public Optional<ChatEvents.OnlineCount> join(String room, String user) {
        int announced = underRoomLock(room, () -> {
            int open = sockets.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).merge(user, 1, Integer::sum);
            if (open == 1) {
                publish(room, user);
            }
            return announceIfChanged(room);
        });
        return announced >= 0 ? Optional.empty() : Optional.of(new ChatEvents.OnlineCount(countUsers(room)));
    }

    /** A socket of {@code user} left {@code room}. */
    public void leave(String room, String user) {
        underRoomLock(room, () -> {
            Map<String, Integer> users = sockets.get(room);
            Integer open = users == null ? null : users.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
            if (open == null) {
                unpublish(room, user);
                if (users != null && users.isEmpty()) {
                    sockets.remove(room, users);
                }
            }
            return announceIfChanged(room);
        });
    }

    /*
     * Under the room lock: counts, and broadcasts when the count differs from the last announced
     * one. Broadcasting inside the lock keeps announcements in order, so clients end on the true count.
     * Returns the announced count, or -1 when unchanged.
     */
    private int announceIfChanged(String room) {
        int count = countUsers(room);
        if (!announce(room, count)) {
            return -1;
        }
        hub.broadcast(ChatPosting.group(room), new ChatEvents.OnlineCount(count));
        return count;
    }

    /** Users online in a room, on every instance. */
    public int onlineCount(String room) {
        return countUsers(room);
    }

    /** Keeps this instance's entries alive and announces counts that changed by expiry elsewhere. */
    void refresh() {
        try {
            for (String room : sockets.keySet()) {
                // Under the lock, so a user leaving meanwhile is never published again.
                underRoomLock(room, () -> {
                    Map<String, Integer> users = sockets.get(room);
                    if (users != null) {
                        users.keySet().forEach(user -> publish(room, user));
                    }
                    return announceIfChanged(room);
                });
            }
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule: the next one retries.
            LOG.log(Level.WARNING, "presence refresh failed", e);
        }
    }

    private void publish(String room, String user) {
        presenceMap().ifPresent(map -> map.put(key(room, user), room, settings.presenceTtlSeconds(), TimeUnit.SECONDS));
    }

    private void unpublish(String room, String user) {
        presenceMap().ifPresent(map -> map.remove(key(room, user)));
    }

    private int countUsers(String room) {
        Optional<IMap<String, String>> map = presenceMap();
        if (map.isEmpty()) {
            Map<String, Integer> users = sockets.get(room);
            return users == null ? 0 : users.size();
        }
        Set<String> users = new HashSet<>();
        for (String key : map.get().keySet(Predicates.equal("this", room))) {
            int first = key.indexOf(SEPARATOR);
            int second = key.indexOf(SEPARATOR, first + 1);
            users.add(key.substring(first + 1, second));
        }
        return users.size();
    }

    /** Records the count as announced; true when it differs from the last announced one. */
    private boolean announce(String room, int count) {
        Integer previous;
        Optional<IMap<String, Integer>> announced = announcedMap();
        if (announced.isPresent()) {
            previous = count == 0 ? announced.get().remove(room) : announced.get().put(room, count);
        } else {
            previous = count == 0 ? localAnnounced.remove(room) : localAnnounced.put(room, count);
        }
        return previous == null ? count != 0 : previous != count;
    }

    private int underRoomLock(String room, IntSupplier work) {
        Optional<IMap<String, Integer>> announced = announcedMap();
        if (announced.isPresent()) {
            announced.get().lock(room);
            try {
                return work.getAsInt();
            } finally {
                announced.get().unlock(room);
            }
        }
        synchronized (localLocks.computeIfAbsent(room, r -> new Object())) {
            return work.getAsInt();
        }
    }

    private String key(String room, String user) {
        return room + SEPARATOR + user + SEPARATOR + instance;
    }

    private Optional<IMap<String, String>> presenceMap() {
        return hazelcast.instance().map(hz -> hz.<String, String>getMap(PRESENCE_MAP));
    }

    private Optional<IMap<String, Integer>> announcedMap() {
        return hazelcast.instance().map((HazelcastInstance hz) -> hz.<String, Integer>getMap(ANNOUNCED_MAP));
    }
}
