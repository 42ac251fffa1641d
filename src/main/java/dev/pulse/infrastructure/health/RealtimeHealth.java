package dev.pulse.infrastructure.health;

import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** The realtime hub: how many sockets this instance holds and whether it is clustered. */
@Liveness
@ApplicationScoped
public class RealtimeHealth implements HealthCheck {

    @Inject
    Hub hub;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("realtime")
                .up()
                .withData("active_connections", hub.connectionCount())
                .withData("clustered", hub.clustered())
                .withData("cluster_members", hub.clusterMembers())
                .build();
    }
}
