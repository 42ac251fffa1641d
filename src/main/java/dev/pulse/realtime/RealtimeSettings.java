package dev.pulse.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Limits of the realtime core; every one is a MicroProfile Config property (env var in upper snake case). */
@ApplicationScoped
public class RealtimeSettings {

    @Inject
    @ConfigProperty(name = "pulse.ws.max-message-bytes", defaultValue = "65536")
    int maxMessageBytes;

    @Inject
    @ConfigProperty(name = "pulse.ws.send-queue-capacity", defaultValue = "256")
    int sendQueueCapacity;

    @Inject
    @ConfigProperty(name = "pulse.ws.overflow-policy", defaultValue = "DROP_OLDEST")
    OverflowPolicy overflowPolicy;

    /** Seconds a socket may stay silent before the server closes it (seed 001 name). */
    @Inject
    @ConfigProperty(name = "WEBSOCKET_TIMEOUT", defaultValue = "300")
    long idleTimeoutSeconds;

    /**
     * Milliseconds after a socket's open before a server-side close of it is made: a socket refused
     * in {@code @OnOpen} is closed once the container has finished its upgrade request
     * (docs/known-issues.md). Later closes are made at once.
     */
    @Inject
    @ConfigProperty(name = "pulse.ws.close-settle-ms", defaultValue = "100")
    long closeSettleMillis;

    public long closeSettleMillis() {
        return closeSettleMillis;
    }

    /**
     * On shutdown this instance closes its sockets with 1012 (Service Restart) spread evenly over
     * this many milliseconds, so their clients reconnect at different moments instead of at once.
     */
    @Inject
    @ConfigProperty(name = "pulse.ws.shutdown-spread-ms", defaultValue = "3000")
    long shutdownSpreadMillis;

    public long shutdownSpreadMillis() {
        return Math.max(0, Math.min(shutdownSpreadMillis, 60_000));
    }

    /**
     * A socket found closed (by Pulse, or in the container's view of its session) for this long
     * without the container's {@code @OnClose} is forgotten by the hub, and its channel's leave runs
     * (presence, groups): Payara 6 now and then never reports the close of a socket whose peer went
     * away mid-write (docs/known-issues.md).
     */
    @Inject
    @ConfigProperty(name = "pulse.ws.close-grace-ms", defaultValue = "5000")
    long closeGraceMillis = 5000;

    public long closeGraceMillis() {
        return Math.max(0, closeGraceMillis);
    }

    /** A frame the socket has not taken after this long means a dead or stuck peer: the socket is closed. */
    @Inject
    @ConfigProperty(name = "pulse.ws.send-timeout-ms", defaultValue = "15000")
    long sendTimeoutMillis;

    public long sendTimeoutMillis() {
        return sendTimeoutMillis;
    }

    /** Deepest nesting of arrays/objects a client frame or request body may have. */
    @Inject
    @ConfigProperty(name = "pulse.json.max-depth", defaultValue = "32")
    int maxJsonDepth;

    public int maxJsonDepth() {
        return maxJsonDepth;
    }

    /** A handshake whose socket has not opened after this long (a failed upgrade) gives up its early group places. */
    @Inject
    @ConfigProperty(name = "pulse.ws.open-timeout-ms", defaultValue = "30000")
    long openTimeoutMillis;

    public long openTimeoutMillis() {
        return openTimeoutMillis;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public int sendQueueCapacity() {
        return sendQueueCapacity;
    }

    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    /**
     * Bytes a socket may have waiting in the container's own write queue before its further frames
     * wait in the socket's outbox (where conflation and the overflow policy apply). 1 = one write
     * at a time; 0 = the container's default (several MB, no back-pressure to speak of).
     */
    @Inject
    @ConfigProperty(name = "pulse.ws.container-queue-bytes", defaultValue = "1")
    int containerQueueBytes;

    /** Threads that deliver broadcasts to this instance's sockets (0 = one per core). */
    @Inject
    @ConfigProperty(name = "pulse.ws.delivery-lanes", defaultValue = "0")
    int deliveryLanes;

    /**
     * The kernel send buffer of each socket, in bytes; 0 = the OS default, which on Linux grows up
     * to 4 MB for a client that does not read. Smaller means a stalled reader is noticed (and its
     * frames conflated, dropped or timed out) sooner, and less kernel memory per slow socket.
     */
    @Inject
    @ConfigProperty(name = "pulse.ws.socket-send-buffer-bytes", defaultValue = "0")
    int socketSendBufferBytes;

    public int socketSendBufferBytes() {
        return socketSendBufferBytes;
    }

    public int containerQueueBytes() {
        return containerQueueBytes;
    }

    public int deliveryLanes() {
        return deliveryLanes > 0 ? deliveryLanes : Runtime.getRuntime().availableProcessors();
    }

    /**
     * How often the hub sweeps its sockets for send timeouts and idleness: an eighth of the shorter
     * of the two, between 100 ms and 1 s, so either is enforced within an eighth of its value.
     */
    public long sweepPeriodMillis() {
        long shorter = idleTimeoutMillis() > 0 ? Math.min(sendTimeoutMillis, idleTimeoutMillis()) : sendTimeoutMillis;
        return Math.max(100, Math.min(1000, shorter / 8));
    }

    public long idleTimeoutMillis() {
        return idleTimeoutSeconds * 1000L;
    }
}
