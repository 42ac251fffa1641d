package dev.pulse.market.feed;

import dev.pulse.realtime.ClusterBus;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.SharedMap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries start/stop/interval changes to every instance, so a command sent to any of them controls
 * the one cluster-wide feed; the last command is also kept in the shared map for instances that
 * start later (on a single instance it lives as long as this deployment, which reads it only at start).
 * Named a relay, not a channel: a {@code *Channel} in Pulse is a WebSocket protocol for clients.
 */
@ApplicationScoped
public class FeedControlRelay implements ClusterBus.Receiver {

    private static final Logger LOG = Logger.getLogger(FeedControlRelay.class.getName());
    static final String GROUP = "pulse.market.feed-control";
    static final String KEY = "control";

    @Inject
    ClusterBus bus;

    @Inject
    ClusterState cluster;

    @Inject
    JsonCodec codec;

    @Resource
    ManagedExecutorService executor;

    private volatile Consumer<FeedState> listener;

    @PostConstruct
    void connect() {
        bus.subscribe(this);
    }

    @PreDestroy
    void disconnect() {
        bus.unsubscribe(this);
    }

    void listen(Consumer<FeedState> listener) {
        this.listener = listener;
    }

    public void announce(FeedState state) {
        String json = codec.encode(state);
        commands().set(KEY, json);
        bus.publish(GROUP, null, json);
    }

    public Optional<FeedState> shared() {
        return Optional.ofNullable(commands().get(KEY)).flatMap(this::decode);
    }

    @Override
    public void onBroadcast(String group, String conflationKey, String text, long offset) {
        Consumer<FeedState> target = listener;
        if (!GROUP.equals(group) || target == null) {
            return;
        }
        // Off the bus thread: applying the state re-creates EJB timers.
        decode(text).ifPresent(state -> executor.execute(() -> target.accept(state)));
    }

    private Optional<FeedState> decode(String json) {
        try {
            return Optional.of(codec.decode(json, FeedState.class));
        } catch (MalformedMessageException | RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring an unreadable feed command", e);
            return Optional.empty();
        }
    }

    /** The feed's shared map (the leader's lease lives there too, under another key). */
    private SharedMap<String> commands() {
        return cluster.map(FeedLeadership.MAP);
    }
}
