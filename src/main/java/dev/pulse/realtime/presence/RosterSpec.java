package dev.pulse.realtime.presence;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how long one feature's presence lives.
 *
 * @param entriesMap the shared map of (group, user, instance) entries, kept alive by refreshes
 * @param countsMap  the shared map of each group's last announced user count; its keys are also the group locks
 * @param ttl        how long an instance's entry lives without a refresh: how late a dead instance's users leave
 * @param refresh    the period of the refresh (and of the recount that notices expired entries); below {@code ttl}
 */
public record RosterSpec(String entriesMap, String countsMap, Duration ttl, Duration refresh) {

    public RosterSpec {
        Objects.requireNonNull(entriesMap, "entriesMap");
        Objects.requireNonNull(countsMap, "countsMap");
        if (refresh.isNegative() || refresh.isZero() || refresh.compareTo(ttl) >= 0) {
            // An entry refreshed no faster than it expires would blink out while its user is still here.
            throw new IllegalArgumentException("refresh " + refresh + " must be positive and below the TTL " + ttl);
        }
    }
}
