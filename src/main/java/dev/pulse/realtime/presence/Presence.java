package dev.pulse.realtime.presence;

import dev.pulse.realtime.cluster.ClusterState;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Presence as a service: hands each feature its {@link Roster} (who is present in its groups,
 * counted by users across instances) and keeps it alive. Each roster gets one managed timer that
 * refreshes its entries every {@link RosterSpec#refresh()}, so a dead instance's users expire
 * after {@link RosterSpec#ttl()} on the survivors; on shutdown the timers stop and each roster
 * withdraws this instance's entries.
 *
 * <p>Usage, from a feature's {@code @PostConstruct}:
 * <pre>{@code
 * rooms = presence.roster(new RosterSpec("pulse.chat.presence", "pulse.chat.online-announced",
 *         Duration.ofSeconds(30), Duration.ofSeconds(10)), (room, users) -> hub.broadcast(...));
 * rooms.track(room, user);   // per socket opened; true when the room's user count changed
 * rooms.untrack(room, user); // per socket closed
 * rooms.users(room);         // distinct users, every instance
 * }</pre>
 * A feature's map names must be its own: two rosters on one map would count each other's users.
 */
@ApplicationScoped
public class Presence {

    @Inject
    ClusterState cluster;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private record Kept(Roster roster, ScheduledFuture<?> refresher) {
    }

    private final List<Kept> rosters = new CopyOnWriteArrayList<>();

    /** A new roster on {@code spec}'s maps, refreshed from now on; {@code listener} hears its count changes. */
    public Roster roster(RosterSpec spec, PresenceListener listener) {
        Roster roster = new Roster(cluster, spec, listener);
        long period = spec.refresh().toMillis();
        rosters.add(new Kept(roster, scheduler.scheduleAtFixedRate(roster::refresh, period, period, TimeUnit.MILLISECONDS)));
        return roster;
    }

    @PreDestroy
    void stop() {
        for (Kept kept : rosters) {
            kept.refresher().cancel(false);
            kept.roster().withdraw();
        }
    }
}
