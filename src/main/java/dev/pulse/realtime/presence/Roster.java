package dev.pulse.realtime.presence;

import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.ClusterStoppedException;
import dev.pulse.realtime.cluster.SharedMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is present in each group of one feature, counted by users (two sockets of one user count
 * once) across every instance, in constant time per track and untrack. Obtain one from
 * {@link Presence#roster}, which also runs its {@link #refresh}.
 *
 * <p>Each instance counts its own sockets per group and user locally ({@link LocalSockets}).
 * Only a user's first socket on this instance (arrival) and last one (departure) touch the
 * cluster, under a per-group lock: the instance publishes one entry per (group, user, instance)
 * in {@link RosterSpec#entriesMap()} with a TTL that the refresh renews, checks the same user's
 * entries of the other instances it knows (one {@code getAll}), and moves the group's count, kept
 * in {@link RosterSpec#countsMap()}, by one. Further sockets of a user present here cost no
 * cluster operation. A changed count goes to the {@link PresenceListener}, inside the lock.
 *
 * <p>The refresh (and a group's first arrival on this instance) recounts the group from the
 * entries: an instance that dies stops refreshing, its entries expire after the TTL, and the
 * survivors' next refresh reports the lower count. The recount is also how an instance learns the
 * others' ids. When the cluster state is not clustered the entries, expiry and recounts would only
 * mirror this instance's own sockets, so the count is taken from those directly (no entries,
 * nothing to refresh); the counts and the group locks go through the cluster state either way.
 *
 * <p>Entry keys are {@code group \n user \n instance} with the group as value; groups and users
 * must not contain a newline.
 */
public final class Roster {

    private static final Logger LOG = Logger.getLogger(Roster.class.getName());
    private static final char SEPARATOR = '\n';

    private final ClusterState cluster;
    private final RosterSpec spec;
    private final PresenceListener listener;
    /** This roster's identity in the entries map: a new one per deployment. */
    private final String instance = UUID.randomUUID().toString();
    private final LocalSockets sockets = new LocalSockets();
    /** (group, user) pairs this instance has published; changed only under the group lock. */
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    /** Groups whose entries this instance has recounted at least once while it had sockets there. */
    private final Set<String> recounted = ConcurrentHashMap.newKeySet();
    /** Instance ids seen in the entries map (this one included). */
    private final Set<String> instances = ConcurrentHashMap.newKeySet();
    /**
     * Per group this instance has sockets in: the users present on every instance as last seen
     * (the last recount, kept up to date by this instance's own arrivals and departures). A
     * recount compares against it to name the users an expiry removed. Changed only under the group lock.
     */
    private final Map<String, Set<String>> lastSeen = new ConcurrentHashMap<>();

    /** A roster nobody refreshes: use {@link Presence#roster}, except in tests that call {@link #refresh} themselves. */
    public Roster(ClusterState cluster, RosterSpec spec, PresenceListener listener) {
        this.cluster = cluster;
        this.spec = spec;
        this.listener = listener;
        instances.add(instance);
    }

    /**
     * A socket of {@code user} entered {@code group}. Returns true when the group's user count
     * changed (the listener has been told), false when it did not (another socket of the user was
     * already present, here or elsewhere).
     *
     * @throws ClusterStoppedException the server is stopping
     */
    public boolean track(String group, String user) {
        if (sockets.adjust(group, user, 1) > 1) {
            // Another socket of this user is already here: the group's user count cannot change.
            return false;
        }
        return underGroupLock(group, () -> reconcile(group, user));
    }

    /**
     * A socket of {@code user} left {@code group}. Returns true when the group's user count
     * changed (the listener has been told). Never throws for a stopping server: sockets close as
     * it stops, and this instance's entries then expire by their TTL.
     */
    public boolean untrack(String group, String user) {
        if (sockets.adjust(group, user, -1) != 0) {
            return false;
        }
        try {
            return underGroupLock(group, () -> reconcile(group, user));
        } catch (ClusterStoppedException e) {
            LOG.log(Level.FINE, "presence not withdrawn: the cluster member has shut down", e);
            return false;
        }
    }

    /**
     * The users present in the group on every instance, read now (clustered: a scan of the group's
     * entries, so not for a per-socket path; alone: this instance's sockets).
     */
    public Set<String> members(String group) {
        if (!cluster.clustered()) {
            return sockets.userSet(group);
        }
        return recount(entries(), group);
    }

    /** {@link #users(String)} of several groups in one read (absent: 0). */
    public Map<String, Integer> users(Set<String> groups) {
        return counts().getAll(groups);
    }

    /** Distinct users present in the group on every instance: the last count reported (0 when none). */
    public int users(String group) {
        Integer count = counts().get(group);
        return count == null ? 0 : count;
    }

    /*
     * Under the group lock: makes the published state of (group, user) match this instance's
     * sockets (concurrent tracks and untracks may have changed them since the caller looked),
     * moves the count, and reports it if it changed. Returns whether it changed.
     */
    private boolean reconcile(String group, String user) {
        String pair = group + SEPARATOR + user;
        boolean present = sockets.present(group, user);
        if (present == published.contains(pair)) {
            return false;
        }
        if (!cluster.clustered()) {
            if (present) {
                published.add(pair);
            } else {
                published.remove(pair);
            }
            // Alone, the count moves only by this user's first or last socket.
            return reportIfChanged(group, sockets.users(group), () -> userChanged(group, user, present));
        }
        SharedMap<String> entries = entries();
        if (present) {
            published.add(pair);
            publish(entries, group, user);
            if (recounted.add(group)) {
                // First arrival here since this instance had no one in the group: count from the entries.
                Set<String> members = recount(entries, group);
                Set<String> before = lastSeen.put(group, members);
                return reportIfChanged(group, members.size(), () -> {
                    if (before != null) {
                        tellDifferences(group, before, members);
                    } else if (!elsewhere(entries, group, user)) {
                        // Nothing seen here before to compare with: name only the user who just came.
                        userChanged(group, user, true);
                    }
                });
            }
            return !elsewhere(entries, group, user) && reportIfChanged(group, users(group) + 1, () -> userChanged(group, user, true));
        }
        published.remove(pair);
        entries.delete(pair + SEPARATOR + instance);
        if (!sockets.occupied(group)) {
            recounted.remove(group);
            lastSeen.remove(group);
        }
        return !elsewhere(entries, group, user) && reportIfChanged(group, Math.max(0, users(group) - 1), () -> userChanged(group, user, false));
    }

    /** Tells the listener of one user's arrival or departure and keeps {@link #lastSeen}. */
    private void userChanged(String group, String user, boolean present) {
        Set<String> seen = lastSeen.get(group);
        if (seen != null) {
            Set<String> updated = new HashSet<>(seen);
            if (present) {
                updated.add(user);
            } else {
                updated.remove(user);
            }
            lastSeen.put(group, updated);
        }
        listener.userChanged(group, user, present);
    }

    /** After a recount changed the count: the users who left (expired) and came since the last one seen. */
    private void tellDifferences(String group, Set<String> before, Set<String> now) {
        for (String user : before) {
            if (!now.contains(user)) {
                listener.userChanged(group, user, false);
            }
        }
        for (String user : now) {
            if (!before.contains(user)) {
                listener.userChanged(group, user, true);
            }
        }
    }

    /** Whether another instance this one knows of has published the user in the group. */
    private boolean elsewhere(SharedMap<String> entries, String group, String user) {
        Set<String> keys = new HashSet<>();
        for (String other : instances) {
            if (!other.equals(instance)) {
                keys.add(group + SEPARATOR + user + SEPARATOR + other);
            }
        }
        return !keys.isEmpty() && !entries.getAll(keys).isEmpty();
    }

    /*
     * Telling the listener inside the group lock keeps reports in order, so the last one carries
     * the true count. When the count changed, {@code who} first tells who came or went (so a
     * client that waits for the count has seen the names by then), then the count is reported.
     * Returns whether the count differs from the last reported one.
     */
    private boolean reportIfChanged(String group, int count, Runnable who) {
        SharedMap<Integer> counts = counts();
        Integer previous = count == 0 ? counts.remove(group) : counts.put(group, count);
        boolean changed = previous == null ? count != 0 : previous != count;
        if (changed) {
            who.run();
            listener.usersChanged(group, count);
        }
        return changed;
    }

    /**
     * Keeps this instance's entries alive and reports counts that changed by expiry elsewhere;
     * {@link Presence} runs it every {@link RosterSpec#refresh()}. Never throws: a failed round
     * is logged and the next one retries.
     */
    public void refresh() {
        if (!cluster.clustered()) {
            // No entries to keep alive, and no other instance whose entries could expire.
            return;
        }
        try {
            SharedMap<String> entries = entries();
            for (String group : sockets.groups()) {
                // Under the lock, so a user leaving meanwhile is never published again.
                underGroupLock(group, () -> {
                    for (String pair : published) {
                        if (pair.startsWith(group + SEPARATOR)) {
                            publish(entries, group, pair.substring(group.length() + 1));
                        }
                    }
                    recounted.add(group);
                    Set<String> members = recount(entries, group);
                    Set<String> before = lastSeen.put(group, members);
                    return reportIfChanged(group, members.size(), () -> {
                        if (before != null) {
                            tellDifferences(group, before, members);
                        }
                    });
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

    /** Removes this instance's entries (the server is stopping); if the cluster went first they expire instead. */
    public void withdraw() {
        if (!cluster.clustered()) {
            return;
        }
        try {
            SharedMap<String> entries = entries();
            published.forEach(pair -> entries.delete(pair + SEPARATOR + instance));
        } catch (ClusterStoppedException e) {
            LOG.log(Level.FINE, "presence entries left to expire: the cluster member has shut down", e);
        }
    }

    private void publish(SharedMap<String> entries, String group, String user) {
        entries.set(group + SEPARATOR + user + SEPARATOR + instance, group, spec.ttl());
    }

    /** Users with a live entry in the group (a scan: only on refresh, a group's first arrival, and {@link #members}). */
    private Set<String> recount(SharedMap<String> entries, String group) {
        Set<String> users = new HashSet<>();
        // By value (the group) rather than key prefix: exact whatever characters the group name holds.
        for (String key : entries.keysWithValue(group)) {
            int first = key.indexOf(SEPARATOR);
            int second = key.indexOf(SEPARATOR, first + 1);
            users.add(key.substring(first + 1, second));
            instances.add(key.substring(second + 1));
        }
        return users;
    }

    /** The group's key in the counts map is its lock: every change of its count runs under it. */
    private boolean underGroupLock(String group, Supplier<Boolean> work) {
        return counts().locked(group, work);
    }

    private SharedMap<String> entries() {
        return cluster.map(spec.entriesMap());
    }

    private SharedMap<Integer> counts() {
        return cluster.map(spec.countsMap());
    }
}
