package dev.pulse.realtime.cluster;

import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that knows where the Hazelcast member comes from. Payara binds its own at
 * {@code payara/Hazelcast} ({@code pulse.cluster.hazelcast-jndi}). A server without one (WildFly,
 * or Payara started with {@code --nocluster}) gets a member Pulse starts itself when
 * {@code pulse.cluster.members} lists whom to join ({@link EmbeddedMember}); otherwise Pulse runs as
 * a single instance. Features do not ask it: they share state through
 * {@link dev.pulse.realtime.cluster.ClusterState}, which
 * {@link dev.pulse.realtime.cluster.ClusterStates} builds once from what this finds (and logs).
 */
@ApplicationScoped
public class HazelcastLookup {

    private static final Logger LOG = Logger.getLogger(HazelcastLookup.class.getName());

    @Inject
    @ConfigProperty(name = "pulse.cluster.hazelcast-jndi", defaultValue = "payara/Hazelcast")
    String jndiName;

    @Inject
    @ConfigProperty(name = "pulse.cluster.members", defaultValue = " ")
    String members;

    @Inject
    @ConfigProperty(name = "pulse.cluster.name", defaultValue = "pulse")
    String clusterName;

    @Inject
    @ConfigProperty(name = "pulse.cluster.port", defaultValue = "5701")
    int port;

    @Inject
    @ConfigProperty(name = "pulse.cluster.interface", defaultValue = " ")
    String networkInterface;

    private volatile Optional<HazelcastInstance> instance;
    /** The member this application started, which it alone stops. */
    private volatile HazelcastInstance started;

    public synchronized Optional<HazelcastInstance> instance() {
        Optional<HazelcastInstance> found = instance;
        if (found == null) {
            found = lookup().or(this::startOwn);
            instance = found;
        }
        return found.filter(hz -> hz.getLifecycleService().isRunning());
    }

    private Optional<HazelcastInstance> lookup() {
        try {
            Object bound = new InitialContext().lookup(jndiName);
            if (bound instanceof HazelcastInstance hz && hz.getLifecycleService().isRunning()) {
                LOG.fine(() -> "Hazelcast member at " + jndiName + ": " + hz.getCluster().getLocalMember());
                return Optional.of(hz);
            }
        } catch (NamingException | RuntimeException e) {
            LOG.fine(() -> "No Hazelcast at " + jndiName + ": " + e);
        }
        LOG.fine(() -> "No running Hazelcast member at " + jndiName);
        return Optional.empty();
    }

    private Optional<HazelcastInstance> startOwn() {
        List<String> seeds = Arrays.stream(members.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (seeds.isEmpty()) {
            return Optional.empty();
        }
        EmbeddedMember member = new EmbeddedMember(clusterName, seeds, port, networkInterface.strip());
        started = member.start();
        LOG.info(() -> "Started Hazelcast member " + started.getCluster().getLocalMember() + " of cluster " + clusterName
                + ", joining " + seeds);
        return Optional.of(started);
    }

    @PreDestroy
    void stopOwn() {
        HazelcastInstance own = started;
        if (own != null) {
            own.shutdown();
        }
    }
}
