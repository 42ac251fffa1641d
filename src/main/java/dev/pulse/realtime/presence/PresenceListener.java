package dev.pulse.realtime.presence;

/**
 * Told when a group's user count changes. Called inside the group's cluster-wide lock, so calls
 * for one group come in the order the counts changed and the last one carries the true count:
 * keep it short (a broadcast), and do not call back into the same {@link Roster} group.
 */
@FunctionalInterface
public interface PresenceListener {

    /** {@code group} now has {@code users} distinct users present (0: empty) over every instance. */
    void usersChanged(String group, int users);
}
