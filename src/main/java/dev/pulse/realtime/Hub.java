package dev.pulse.realtime;

import dev.pulse.realtime.metrics.RealtimeMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The sessions of this instance and the named groups they are in, as in Channels groups.
 * A broadcast is encoded once, carried by the {@link ClusterBus} to every instance, and each
 * instance queues the same text on its own members' connections.
 */
@ApplicationScoped
public class Hub implements ClusterBus.Receiver {

    private static final Logger LOG = Logger.getLogger(Hub.class.getName());
    private static final String CONNECTION = Connection.class.getName();

    @Inject
    RealtimeSettings settings;

    @Inject
    ClusterBus bus;

    @Inject
    JsonCodec codec;

    @Inject
    RealtimeMetrics metrics;

    @Inject
    SessionRegistry sessions;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** group -> its members on this instance, one set per delivery lane. */
    private final Map<String, Set<Connection>[]> groups = new ConcurrentHashMap<>();
    private final AtomicInteger nextLane = new AtomicInteger();
    private DeliveryLanes lanes;
    /** Connections made at handshake time and not opened yet, with their System.nanoTime() deadline. */
    private final Map<Connection, Long> unopened = new ConcurrentHashMap<>();
    private RealtimeMetrics.Counter dropped;
    private RealtimeMetrics.Counter conflated;
    private RealtimeMetrics.Counter slowDisconnects;
    private RealtimeMetrics.Counter sendTimeouts;
    private RealtimeMetrics.Counter idleCloses;
    private RealtimeMetrics.Counter unreportedCloses;
    private ScheduledFuture<?> sweeper;
    private int stuckSweeps;
    private int idleSweeps;
    private int graceSweeps;

    private final Connection.Listener overflowHandling = new Connection.Listener() {
        @Override
        public void dropped(Connection connection) {
            dropped.increment();
        }

        @Override
        public void conflated(Connection connection) {
            conflated.increment();
        }

        @Override
        public void overflowed(Connection connection) {
            slowDisconnects.increment();
            LOG.info(() -> connection + " read too slowly and is disconnected");
            // 1011 as for a send timeout (same cause, a client too slow): 1008 tells clients not to retry.
            connection.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "Too slow: send queue overflow");
        }
    };

    /** Starts the hub with the application, so remote broadcasts are received from the first moment. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.info(() -> "Realtime hub ready (" + (bus.clustered() ? "clustered" : "single instance") + ", "
                + lanes.size() + " delivery lanes)");
    }

    @PostConstruct
    void init() {
        dropped = metrics.counter("pulse_ws_frames_dropped_total", "Frames dropped from full send queues (overflow policy)");
        conflated = metrics.counter("pulse_ws_frames_conflated_total", "Frames replaced by a newer one of the same key");
        slowDisconnects = metrics.counter("pulse_ws_slow_client_disconnects_total", "Sockets closed for a full send queue");
        sendTimeouts = metrics.counter("pulse_ws_send_timeouts_total", "Sockets closed for a frame not written in time");
        idleCloses = metrics.counter("pulse_ws_idle_closes_total", "Sockets closed after WEBSOCKET_TIMEOUT without traffic");
        unreportedCloses = metrics.counter("pulse_ws_unreported_closes_total", "Sockets found closed without the container telling");
        metrics.gauge("pulse_ws_connections", "Open sockets on this instance", this::connectionCount);
        metrics.gauge("pulse_ws_queued_frames", "Frames queued on this instance's sockets", this::queuedFrames);
        lanes = new DeliveryLanes(settings.deliveryLanes(), threads);
        bus.subscribe(this);
        long period = settings.sweepPeriodMillis();
        stuckSweeps = sweepsFor(settings.sendTimeoutMillis(), period);
        graceSweeps = sweepsFor(settings.closeGraceMillis(), period);
        idleSweeps = settings.idleTimeoutMillis() <= 0 ? Integer.MAX_VALUE : sweepsFor(settings.idleTimeoutMillis(), period);
        sweeper = scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    private static int sweepsFor(long millis, long period) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE - 1, (millis + period - 1) / period));
    }

    /** Set when the instance starts shutting down: no new sockets ({@link WebSocketGuardFilter} answers 503). */
    private volatile boolean draining;

    /** Whether this instance is shutting down and refuses new sockets. */
    public boolean draining() {
        return draining;
    }

    /**
     * The first step of a shutdown: refuse new sockets, then close this instance's sockets with
     * 1012 Service Restart (IANA's WebSocket close code registry), in batches spread
     * evenly over {@code pulse.ws.shutdown-spread-ms} in a random order, so clients reconnect
     * (through the load balancer, to an instance that stays) at different moments rather than as
     * one storm; each resumes by its last id. Runs on the container's shutdown thread, which it
     * holds for the spread; the closes run inline (the scheduler may already be stopping).
     */
    void drain() {
        draining = true;
        List<Connection> open = new ArrayList<>(connections.values());
        if (open.isEmpty()) {
            return;
        }
        Collections.shuffle(open);
        long spread = settings.shutdownSpreadMillis();
        int batches = (int) Math.max(1, Math.min(open.size(), spread / DRAIN_STEP_MILLIS));
        LOG.info(() -> "Shutting down: closing " + open.size() + " sockets with 1012 over " + spread + " ms");
        for (int batch = 0; batch < batches; batch++) {
            if (batch > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(spread / batches));
            }
            for (Connection connection : open.subList(batch * open.size() / batches, (batch + 1) * open.size() / batches)) {
                connection.close(CloseReason.CloseCodes.SERVICE_RESTART.getCode(), "Service restart");
            }
        }
    }

    private static final long DRAIN_STEP_MILLIS = 50;

    @PreDestroy
    void stop() {
        drain();
        bus.unsubscribe(this);
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        if (lanes != null) {
            lanes.stop();
        }
    }

    /*
     * One pass over this instance's sockets replaces a timer per socket (and per frame, as the
     * container would have it). A send whose completion never comes (a peer gone without a FIN,
     * a reader that stopped) closes 1011 after pulse.ws.send-timeout-ms, so the client reconnects
     * and resumes; a socket that neither sent nor received for WEBSOCKET_TIMEOUT closes 1001.
     */
    private void sweep() {
        int[] stuck = new int[1];
        if (!unopened.isEmpty()) {
            long now = System.nanoTime();
            unopened.forEach((connection, deadline) -> {
                if (now - deadline > 0 && unopened.remove(connection) != null) {
                    close(connection);
                }
            });
        }
        for (Connection connection : connections.values()) {
            if (connection.deadSweeps() > graceSweeps) {
                unreportedCloses.increment();
                LOG.info(() -> connection + " is closed but the container never reported it: leaving it");
                connection.leave();
                close(connection);
                continue;
            }
            int idle = connection.sweep(stuck);
            if (stuck[0] > stuckSweeps) {
                sendTimeouts.increment();
                LOG.info(() -> connection + " has not taken a frame within " + settings.sendTimeoutMillis() + " ms: closing it");
                connection.abort(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "Send timed out");
            } else if (idle > idleSweeps) {
                idleCloses.increment();
                LOG.fine(() -> connection + " idle for " + settings.idleTimeoutMillis() + " ms: closing it");
                connection.close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "Idle timeout");
            }
        }
    }

    /**
     * Hook for {@link GroupsAtHandshake}: a connection made during the handshake, already in its
     * groups and holding what they send, until {@link #open} binds it to its socket. One never
     * opened (the upgrade failed) leaves its groups after {@code pulse.ws.open-timeout-ms}.
     */
    Connection early(String user, List<String> joinGroups) {
        LateSink sink = new LateSink();
        Connection connection = new Connection(UUID.randomUUID().toString(), user, sink,
                new Outbox(settings.sendQueueCapacity(), settings.overflowPolicy()), overflowHandling);
        connection.lane = Math.floorMod(nextLane.getAndIncrement(), lanes.size());
        connection.hold();
        for (String group : joinGroups) {
            join(group, connection);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.openTimeoutMillis());
        unopened.put(connection, deadline);
        return connection;
    }

    /** Registers a newly opened socket, applying the configured limits to it. */
    public Connection open(Session session) {
        session.setMaxTextMessageBufferSize(settings.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        ContainerSockets.prepare(session, settings.containerQueueBytes(), settings.socketSendBufferBytes());
        Connection early = (Connection) session.getUserProperties().remove(GroupsAtHandshake.EARLY);
        if (early != null && unopened.remove(early) != null) {
            ((LateSink) early.sink()).bind(TextSink.of(session, closerFromNow()));
            session.getUserProperties().put(CONNECTION, early);
            connections.put(early.id(), early);
            sessions.bind(session, early);
            early.release(List.of(), Connection.NO_OFFSET);
            return early;
        }
        Principal principal = session.getUserPrincipal();
        Connection connection = new Connection(UUID.randomUUID().toString(),
                principal == null ? null : principal.getName(),
                TextSink.of(session, closerFromNow()),
                new Outbox(settings.sendQueueCapacity(), settings.overflowPolicy()),
                overflowHandling);
        connection.lane = Math.floorMod(nextLane.getAndIncrement(), lanes.size());
        session.getUserProperties().put(CONNECTION, connection);
        connections.put(connection.id(), connection);
        sessions.bind(session, connection);
        return connection;
    }

    /**
     * Refuses a socket from {@code @OnOpen}: it is registered (so {@code @OnClose} finds it) and
     * closed with the code once the handshake has completed.
     */
    public void refuse(Session session, CloseReason.CloseCode code, String reason) {
        Connection connection = (Connection) session.getUserProperties().get(CONNECTION);
        (connection == null ? open(session) : connection).close(code.getCode(), reason);
    }

    /** How this socket's server-side closes are run: off the caller's thread, and not too soon after its open. */
    private Consumer<Runnable> closerFromNow() {
        long openedNanos = System.nanoTime();
        return close -> closeLater(close, openedNanos);
    }

    private void closeLater(Runnable close, long openedNanos) {
        if (draining) {
            // Shutting down: the scheduler may be stopping, and a handshake is no longer completing here.
            close.run();
            return;
        }
        // Payara runs @OnOpen inside the upgrade request and gives no signal when that request has
        // ended; a close made meanwhile can meet it, and then no close frame is written
        // (docs/known-issues.md). A close in the socket's first moments waits out that window.
        long sinceOpen = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos);
        scheduler.schedule(close, Math.max(0, settings.closeSettleMillis() - sinceOpen), TimeUnit.MILLISECONDS);
    }

    /** The connection registered for a session by {@link #open}; marks it active (a frame arrived). */
    public static Connection connectionOf(Session session) {
        Connection connection = (Connection) session.getUserProperties().get(CONNECTION);
        if (connection == null) {
            throw new IllegalStateException("session " + session.getId() + " was not opened through the hub");
        }
        connection.touch();
        return connection;
    }

    /** Forgets a closed socket and takes it out of every group. */
    public void close(Session session) {
        Connection connection = (Connection) session.getUserProperties().remove(CONNECTION);
        if (connection != null) {
            close(connection);
        }
    }

    void close(Connection connection) {
        connections.remove(connection.id());
        sessions.unbind(connection);
        for (String group : connection.groups()) {
            leave(group, connection);
        }
    }

    @SuppressWarnings("unchecked")
    public void join(String group, Connection connection) {
        // compute, not computeIfAbsent + add: a concurrent leave must not drop the set we add to.
        groups.compute(group, (g, members) -> {
            Set<Connection>[] byLane = members == null ? new Set[lanes.size()] : members;
            if (byLane[connection.lane] == null) {
                byLane[connection.lane] = ConcurrentHashMap.newKeySet();
            }
            byLane[connection.lane].add(connection);
            return byLane;
        });
        connection.groupsView().add(group);
    }

    public void leave(String group, Connection connection) {
        connection.groupsView().remove(group);
        groups.computeIfPresent(group, (g, byLane) -> {
            Set<Connection> members = byLane[connection.lane];
            if (members != null) {
                members.remove(connection);
            }
            for (Set<Connection> lane : byLane) {
                if (lane != null && !lane.isEmpty()) {
                    return byLane;
                }
            }
            return null;
        });
    }

    /** Encodes once and delivers to the group's members on every instance. */
    public void broadcast(String group, Object message) {
        broadcastText(group, codec.encode(message), null);
    }

    /** As {@link #broadcast(String, Object)}; a slow member keeps only the newest frame per key. */
    public void broadcast(String group, Object message, String conflationKey) {
        broadcastText(group, codec.encode(message), conflationKey);
    }

    /**
     * As {@link #broadcast(String, Object)}, at {@code offset} in the group: a position that is
     * strictly increasing per group for a feature whose clients resume (chat: the stored message
     * id), never sent to clients. A member holding while it replays a backlog drops this frame on
     * {@link Connection#release(List, long)} if the backlog reached the offset. See {@link Connection}.
     */
    public void broadcast(String group, Object message, long offset) {
        broadcastText(group, codec.encode(message), null, offset);
    }

    public void broadcastText(String group, String text, String conflationKey) {
        broadcastText(group, text, conflationKey, Connection.NO_OFFSET);
    }

    /** The text as it is, with a conflation key (null: none) and an offset ({@link Connection#NO_OFFSET}: none). */
    public void broadcastText(String group, String text, String conflationKey, long offset) {
        bus.publish(group, conflationKey, text, offset);
    }

    /** A broadcast arrived from the bus: queued on each delivery lane that holds members of the group. */
    @Override
    public void onBroadcast(String group, String conflationKey, String text, long offset) {
        Set<Connection>[] byLane = groups.get(group);
        if (byLane != null) {
            for (int lane = 0; lane < byLane.length; lane++) {
                Set<Connection> members = byLane[lane];
                if (members != null && !members.isEmpty()) {
                    lanes.deliver(lane, members, text, conflationKey, offset);
                }
            }
        }
    }

    /** Frames waiting in this instance's outboxes (bounded by connections x pulse.ws.send-queue-capacity). */
    public long queuedFrames() {
        long queued = 0;
        for (Connection connection : connections.values()) {
            queued += connection.queued();
        }
        return queued;
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Members of a group on this instance. */
    public int localGroupSize(String group) {
        Set<Connection>[] byLane = groups.get(group);
        int size = 0;
        if (byLane != null) {
            for (Set<Connection> members : byLane) {
                size += members == null ? 0 : members.size();
            }
        }
        return size;
    }

    public Collection<Connection> connections() {
        return List.copyOf(connections.values());
    }

    public boolean clustered() {
        return bus.clustered();
    }

    /** Instances in the cluster, this one included (1 when not clustered). */
    public int clusterMembers() {
        return bus.members();
    }
}
