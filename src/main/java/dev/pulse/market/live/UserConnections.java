package dev.pulse.market.live;

import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.presence.ConnectionLimit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * MAX_CONNECTIONS_PER_USER on {@code /ws/realtime/}, over the whole cluster: the core
 * {@link ConnectionLimit} on the market's own map {@code pulse.market.user-connections}.
 * Anonymous sockets are never counted; see {@link ConnectionLimit} for locks and fallbacks.
 */
@ApplicationScoped
public class UserConnections {

    static final String MAP = "pulse.market.user-connections";

    @Inject
    ClusterState cluster;

    @Inject
    @ConfigProperty(name = "MAX_CONNECTIONS_PER_USER", defaultValue = "5")
    int maxPerUser;

    private ConnectionLimit limit;

    @PostConstruct
    void init() {
        limit = new ConnectionLimit(cluster, MAP, maxPerUser);
    }

    /** Counts a new socket of {@code user}; false (not counted) when the user already has the most allowed. */
    public boolean admit(String user) {
        return limit.admit(user);
    }

    public void release(String user) {
        limit.release(user);
    }

    /** The user's sockets on every live instance (this one only without a cluster). */
    public int count(String user) {
        return limit.count(user);
    }
}
