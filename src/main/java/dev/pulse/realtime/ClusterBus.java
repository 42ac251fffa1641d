package dev.pulse.realtime;

import com.hazelcast.topic.ITopic;
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
 * Carries group broadcasts to every instance, this one included, over one Hazelcast topic.
 * A frame travels as {@code String[]{group, conflationKey, text}}: Hazelcast serializes string
 * arrays natively, so no application class has to be loadable on the receiving side.
 * Without Hazelcast the bus delivers in-process, and a single instance behaves the same.
 */
@ApplicationScoped
public class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());

    /** Receives each broadcast once per instance. */
    public interface Receiver {
        void receive(String group, String conflationKey, String text);
    }

    @Inject
    HazelcastLookup hazelcast;

    @Inject
    @ConfigProperty(name = "pulse.cluster.topic", defaultValue = "pulse.groups")
    String topicName;

    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();
    private ITopic<String[]> topic;
    private UUID registration;

    @PostConstruct
    void connect() {
        hazelcast.instance().ifPresent(hz -> {
            topic = hz.getTopic(topicName);
            registration = topic.addMessageListener(message -> {
                String[] frame = message.getMessageObject();
                dispatch(frame[0], frame[1].isEmpty() ? null : frame[1], frame[2]);
            });
        });
    }

    @PreDestroy
    void disconnect() {
        // The Hazelcast member outlives a redeploy: leave no listener of this deployment on it.
        if (topic != null && registration != null) {
            try {
                topic.removeMessageListener(registration);
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
        return topic != null;
    }

    public int members() {
        return hazelcast.instance().map(hz -> hz.getCluster().getMembers().size()).orElse(1);
    }

    public void publish(String group, String conflationKey, String text) {
        if (topic == null) {
            dispatch(group, conflationKey, text);
            return;
        }
        topic.publish(new String[] {group, conflationKey == null ? "" : conflationKey, text});
    }

    private void dispatch(String group, String conflationKey, String text) {
        for (Receiver receiver : receivers) {
            try {
                receiver.receive(group, conflationKey, text);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "delivery to group " + group + " failed", e);
            }
        }
    }
}
