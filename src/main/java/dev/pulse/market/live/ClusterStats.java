package dev.pulse.market.live;

import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.SharedMap;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code global_stats} over the whole cluster. Every instance publishes its {@link InstanceStats}
 * every {@code pulse.market.stats-publish-ms} into the shared map {@code pulse.market.realtime-stats}
 * (key: its member id, value: JSON text, so no class has to be deserializable elsewhere), with a
 * TTL of three periods: a dead instance's figures vanish on their own. The global figures are this
 * instance's live ones plus the others' last published ones (at most one period old); users are
 * counted once however many instances they are connected to. When the cluster state is not
 * clustered nobody else would read them, so nothing is published: this instance only.
 */
@ApplicationScoped
public class ClusterStats {

    static final String MAP = "pulse.market.realtime-stats";
    private static final Logger LOG = Logger.getLogger(ClusterStats.class.getName());

    @Inject
    MarketChannel channel;

    @Inject
    ClusterState cluster;

    @Inject
    JsonCodec codec;

    @Inject
    @ConfigProperty(name = "pulse.market.stats-publish-ms", defaultValue = "2000")
    long publishMs;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> publisher;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        publisher = scheduler.scheduleAtFixedRate(this::publishSafely, publishMs, publishMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (publisher != null) {
            publisher.cancel(false);
        }
        if (!cluster.clustered()) {
            return;
        }
        try {
            stats().delete(cluster.memberId());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "withdrawing this instance's stats failed", e);
        }
    }

    public RealtimeStats stats(String user, boolean running) {
        return new RealtimeStats(running ? "running" : "stopped", global(), channel.userStats(user));
    }

    public RealtimeStats.Global global() {
        InstanceStats own = channel.snapshot();
        int connections = own.connections();
        int portfolios = own.portfolioSubscriptions();
        int assets = own.assetSubscriptions();
        Set<String> users = new TreeSet<>(own.users());
        if (cluster.clustered()) {
            try {
                String ownKey = cluster.memberId();
                for (Map.Entry<String, String> entry : stats().entries().entrySet()) {
                    if (entry.getKey().equals(ownKey)) {
                        continue;
                    }
                    InstanceStats other;
                    try {
                        other = codec.decode(entry.getValue(), InstanceStats.class);
                    } catch (MalformedMessageException e) {
                        LOG.fine(() -> "skipping unreadable stats of member " + entry.getKey() + ": " + e.getMessage());
                        continue;
                    }
                    connections += other.connections();
                    portfolios += other.portfolioSubscriptions();
                    assets += other.assetSubscriptions();
                    if (other.users() != null) {
                        users.addAll(other.users());
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reading the other instances' stats failed; answering this instance's", e);
            }
        }
        return new RealtimeStats.Global(connections, users.size(), portfolios, assets);
    }

    private void publishSafely() {
        try {
            if (cluster.clustered()) {
                stats().set(cluster.memberId(), codec.encode(channel.snapshot()), Duration.ofMillis(3 * publishMs));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "publishing this instance's stats failed", e);
        }
    }

    private SharedMap<String> stats() {
        return cluster.map(MAP);
    }
}
