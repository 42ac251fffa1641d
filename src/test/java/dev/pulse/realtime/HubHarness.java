package dev.pulse.realtime;

import dev.pulse.realtime.cluster.LocalClusterState;
import dev.pulse.realtime.metrics.RealtimeMetrics;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The realtime core wired by hand, without a CDI container: a {@link Hub} over a {@link ClusterBus}
 * over a {@link LocalClusterState} (the in-JVM cluster state a single instance runs on), with the
 * settings' defaults unless the builder says otherwise. Sockets are {@link FakeSocket}s opened
 * through the real {@link Hub#open}, so frames take the production path: broadcast, bus, delivery
 * lane, the connection's outbox, the socket.
 *
 * <p>What stands in for the container: delivery lanes are plain daemon threads (the
 * {@code ManagedThreadFactory}), the {@code ManagedScheduledExecutorService} is one daemon
 * scheduler thread (the hub's sweep and its deferred closes run there, so a close is observed with
 * {@link FakeSocket#awaitClose()}), and metrics are counters in a map ({@link #counter}). Frames
 * reach sockets on a lane thread: tests wait with {@link FakeSocket#nextFrame()}, never sleep.
 * Not covered: anything of {@link FakeSocket}'s "does not fake" list, Hazelcast (a second instance),
 * and the session binding of logged-in users (no {@code HttpSessionPrincipal} here).
 */
public final class HubHarness implements AutoCloseable {

    private final RealtimeSettings settings = new RealtimeSettings();
    private final LocalClusterState cluster = new LocalClusterState();
    private final ClusterBus bus = new ClusterBus();
    private final JsonCodec codec = new JsonCodec();
    private final SessionRegistry sessions = new SessionRegistry();
    private final Hub hub = new Hub();
    /** Bean Validation as the container has it, but message interpolation without EL. */
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    private final FrameDecoder decoder = new FrameDecoder(codec, VALIDATOR);
    private final ChannelSockets channelSockets = new ChannelSockets(hub, decoder);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "harness-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    private HubHarness() {
        // The defaults of RealtimeSettings' @ConfigProperty annotations.
        settings.maxMessageBytes = 65536;
        settings.sendQueueCapacity = 256;
        settings.overflowPolicy = OverflowPolicy.DROP_OLDEST;
        settings.idleTimeoutSeconds = 300;
        settings.closeSettleMillis = 0; // (100 in production) a fake socket has no container upgrade to wait out
        settings.sendTimeoutMillis = 15000;
        settings.maxJsonDepth = 32;
        settings.openTimeoutMillis = 30000;
        settings.containerQueueBytes = 1;
        settings.deliveryLanes = 1;
        settings.socketSendBufferBytes = 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A harness with the default settings and one delivery lane. */
    public static HubHarness start() {
        return builder().build();
    }

    public static final class Builder {
        private final HubHarness harness = new HubHarness();

        public Builder sendQueueCapacity(int capacity) {
            harness.settings.sendQueueCapacity = capacity;
            return this;
        }

        public Builder overflowPolicy(OverflowPolicy policy) {
            harness.settings.overflowPolicy = policy;
            return this;
        }

        /** Delivery lanes (threads); 1 by default, so one lane's order covers every socket. */
        public Builder deliveryLanes(int lanes) {
            harness.settings.deliveryLanes = lanes;
            return this;
        }

        /** How long a closed socket may wait for the container's close before the hub leaves it. */
        public Builder closeGraceMillis(long millis) {
            harness.settings.closeGraceMillis = millis;
            return this;
        }

        public HubHarness build() {
            return harness.wire();
        }
    }

    private HubHarness wire() {
        bus.cluster = cluster;
        bus.topicName = "pulse.groups";
        bus.connect();
        codec.configure(settings);
        sessions.cluster = cluster;
        sessions.connect();
        hub.settings = settings;
        hub.bus = bus;
        hub.codec = codec;
        hub.sessions = sessions;
        hub.metrics = metrics();
        hub.scheduler = managed(scheduler);
        hub.threads = (ManagedThreadFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedThreadFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("newThread") && args.length == 1 && args[0] instanceof Runnable task) {
                        return new Thread(task);
                    }
                    return unsupported(proxy, method.getName(), args);
                });
        hub.init();
        return this;
    }

    public Hub hub() {
        return hub;
    }

    public ClusterBus bus() {
        return bus;
    }

    public JsonCodec codec() {
        return codec;
    }

    /** Client frames into validated records, as the container's {@code FrameDecoder}. */
    public FrameDecoder decoder() {
        return decoder;
    }

    /** Drives {@link Channel}s as an endpoint does: {@code sockets().open(socket.session(), channel)}. */
    public ChannelSockets sockets() {
        return channelSockets;
    }

    public LocalClusterState cluster() {
        return cluster;
    }

    public RealtimeSettings settings() {
        return settings;
    }

    /** Opens {@code socket} through {@link Hub#open}, as the container's {@code @OnOpen} would. */
    public Connection open(FakeSocket socket) {
        return hub.open(socket.session());
    }

    /** The value of the metric counter {@code name} (0 if never incremented). */
    public long counter(String name) {
        AtomicLong value = counters.get(name);
        return value == null ? 0 : value.get();
    }

    @Override
    public void close() {
        hub.stop();
        bus.disconnect();
        scheduler.shutdownNow();
    }

    /** Counters in {@link #counters}; gauges are read by a server's metrics endpoint only. */
    private RealtimeMetrics metrics() {
        return new RealtimeMetrics() {
            @Override
            public Counter counter(String name, String description) {
                AtomicLong value = counters.computeIfAbsent(name, n -> new AtomicLong());
                return value::incrementAndGet;
            }

            @Override
            public void gauge(String name, String description, LongSupplier value) {
                // nothing scrapes it here
            }
        };
    }

    /** The container's managed scheduler: the {@code ScheduledExecutorService} methods onto a plain one. */
    private static ManagedScheduledExecutorService managed(ScheduledExecutorService delegate) {
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(HubHarness.class.getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass().isInstance(delegate)) {
                        try {
                            return method.invoke(delegate, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                    return unsupported(proxy, method.getName(), args);
                });
    }

    private static Object unsupported(Object proxy, String name, Object[] args) {
        return switch (name) {
            case "toString" -> "harness stand-in";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(name + " is not part of the harness");
        };
    }
}
