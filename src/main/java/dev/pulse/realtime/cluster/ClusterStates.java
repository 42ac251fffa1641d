package dev.pulse.realtime.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Chooses the {@link ClusterState} once, when it is first used: the runtime's Hazelcast member if
 * {@link HazelcastLookup} finds one running, else state local to this instance. Fixed from then
 * on, so every feature agrees on whether it is clustered; after the member shuts down (the server
 * stopping) operations throw {@link ClusterStoppedException} rather than silently going local.
 */
@ApplicationScoped
public class ClusterStates {

    private static final Logger LOG = Logger.getLogger(ClusterStates.class.getName());

    @Inject
    HazelcastLookup hazelcast;

    @Produces
    @ApplicationScoped
    ClusterState clusterState() {
        ClusterState chosen = hazelcast.instance().<ClusterState>map(HazelcastClusterState::new).orElseGet(LocalClusterState::new);
        LOG.info(() -> "Cluster state: " + chosen);
        return chosen;
    }
}
