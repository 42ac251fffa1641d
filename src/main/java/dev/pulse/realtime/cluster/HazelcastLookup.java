package dev.pulse.realtime.cluster;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that knows where the runtime keeps its Hazelcast member: Payara binds it at
 * {@code payara/Hazelcast}. Another server (or Payara started with {@code --nocluster}) has none,
 * and Pulse then runs as a single instance. Features do not ask it: they share state through
 * {@link dev.pulse.realtime.cluster.ClusterState}, which
 * {@link dev.pulse.realtime.cluster.ClusterStates} builds once from what this finds (and logs).
 */
@ApplicationScoped
public class HazelcastLookup {

    private static final Logger LOG = Logger.getLogger(HazelcastLookup.class.getName());

    @Inject
    @ConfigProperty(name = "pulse.cluster.hazelcast-jndi", defaultValue = "payara/Hazelcast")
    String jndiName;

    private volatile Optional<HazelcastInstance> instance;

    public Optional<HazelcastInstance> instance() {
        Optional<HazelcastInstance> found = instance;
        if (found == null) {
            found = lookup();
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
}
