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
 * A frame travels as {@code String[]{group, conflationKey, text, offset}}: Hazelcast serializes
 * string arrays natively, so no application class has to be loadable on the receiving side.
 * {@code conflationKey} is "" for none; {@code offset} is the decimal {@code long} of
 * {@link Connection}'s offsets, "" for none ({@link Connection#NO_OFFSET}). The fourth element was
 * added after the first three: an instance that reads only three ignores it, and a three-element
 * frame from such an instance arrives here with no offset, so mixed versions interoperate (while
 * they are mixed, a joining socket keeps such an instance's live chat messages even if its backlog
 * had them: a possible duplicate, never a loss).
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
        /** {@code offset}: the broadcast's offset in its group, {@link Connection#NO_OFFSET} for none. */
        void onBroadcast(String group, String conflationKey, String text, long offset);
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
        registration = topic.addListener(frame -> dispatch(frame[0], frame[1].isEmpty() ? null : frame[1], frame[2], offsetOf(frame)));
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
        publish(group, conflationKey, text, Connection.NO_OFFSET);
    }

    /** As {@link #publish(String, String, String)}, at {@code offset} in the group (negative: none). */
    public void publish(String group, String conflationKey, String text, long offset) {
        topic.publish(new String[] {group, conflationKey == null ? "" : conflationKey, text,
                offset < 0 ? "" : Long.toString(offset)});
    }

    /** The fourth element; none when absent (a frame from an instance that sends three) or empty. */
    private static long offsetOf(String[] frame) {
        if (frame.length < 4 || frame[3].isEmpty()) {
            return Connection.NO_OFFSET;
        }
        try {
            return Long.parseLong(frame[3]);
        } catch (NumberFormatException e) {
            // Not from this code: deliver the frame anyway, kept on release like one without an offset.
            return Connection.NO_OFFSET;
        }
    }

    private void dispatch(String group, String conflationKey, String text, long offset) {
        for (Receiver receiver : receivers) {
            try {
                receiver.onBroadcast(group, conflationKey, text, offset);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "delivery to group " + group + " failed", e);
            }
        }
    }
}
