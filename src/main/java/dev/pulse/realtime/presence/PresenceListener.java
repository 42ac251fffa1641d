package dev.pulse.realtime.presence;

/**
 * Told when a group's user count changes, and which user came or went. Called inside the group's
 * cluster-wide lock, so calls for one group come in the order the counts changed and the last one
 * carries the true count: keep it short (a broadcast), and do not call back into the same
 * {@link Roster} group.
 */
@FunctionalInterface
public interface PresenceListener {

    /** {@code group} now has {@code users} distinct users present (0: empty) over every instance. */
    void usersChanged(String group, int users);

    /**
     * Right before {@link #usersChanged} reports the count it changed: {@code user} arrived in {@code group} (their first socket on
     * any instance; {@code present} true) or left it (their last socket closed, or their instance
     * died and its entries expired; false). Per user, not per socket. After an expiry the same
     * change may be told twice (by each surviving instance whose recount saw it) and an arrival
     * told again: treat these as set operations (add, remove), not as counts.
     */
    default void userChanged(String group, String user, boolean present) {
    }
}
