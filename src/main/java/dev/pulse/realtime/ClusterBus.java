package dev.pulse.realtime;

import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.ClusterStoppedException;
import dev.pulse.realtime.cluster.SharedTopic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries group broadcasts to every instance, this one included, over one cluster topic.
 * A frame travels as {@code String[]{group, conflationKey, text}}: Hazelcast serializes string
 * arrays natively, so no application class has to be loadable on the receiving side.
 * When the cluster state is not clustered its topic delivers in-process, on the publishing
 * thread, and a single instance behaves the same.
 */
@ApplicationScoped
public class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());

    /**
     * Receives each broadcast once per instance. Not named {@code receive}: in Pulse that word
     * means a client's frame arriving on a socket.
     */
    public interface Receiver {
        void onBroadcast(String group, String conflationKey, String text);
    }

    @Inject
    ClusterState cluster;

    @Inject
    @ConfigProperty(name = "pulse.cluster.topic", defaultValue = "pulse.groups")
    String topicName;

    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();
    private SharedTopic<String[]> topic;
    private UUID registration;

    @PostConstruct
    void connect() {
        topic = cluster.topic(topicName);
        registration = topic.addListener(frame -> dispatch(frame[0], frame[1].isEmpty() ? null : frame[1], frame[2]));
    }

    @PreDestroy
    void disconnect() {
        // The Hazelcast member outlives a redeploy: leave no listener of this deployment on it.
        if (registration != null) {
            try {
                topic.removeListener(registration);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "listener removal failed", e);
            }
        }
    }

    public void subscribe(Receiver receiver) {
        receivers.add(receiver);
    }

    public void unsubscribe(Receiver receiver) {
        receivers.remove(receiver);
    }

    public boolean clustered() {
        return cluster.clustered();
    }

    /** Instances in the cluster now, this one included (1 alone, or once the member has shut down). */
    public int members() {
        try {
            return cluster.memberIds().size();
        } catch (ClusterStoppedException e) {
            return 1;
        }
    }

    public void publish(String group, String conflationKey, String text) {
        topic.publish(new String[] {group, conflationKey == null ? "" : conflationKey, text});
    }

    private void dispatch(String group, String conflationKey, String text) {
        for (Receiver receiver : receivers) {
            try {
                receiver.onBroadcast(group, conflationKey, text);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "delivery to group " + group + " failed", e);
            }
        }
    }
}
