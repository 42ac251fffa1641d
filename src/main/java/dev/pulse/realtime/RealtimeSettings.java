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

    /** A server-side close waits this long, so a socket refused in @OnOpen is closed after its handshake. */
    @Inject
    @ConfigProperty(name = "pulse.ws.close-delay-ms", defaultValue = "0")
    long closeDelayMillis;

    public long closeDelayMillis() {
        return closeDelayMillis;
    }

    /** A frame the socket has not taken after this long means a dead or stuck peer: the socket is closed. */
    @Inject
    @ConfigProperty(name = "pulse.ws.send-timeout-ms", defaultValue = "15000")
    long sendTimeoutMillis;

    public long sendTimeoutMillis() {
        return sendTimeoutMillis;
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

    public long idleTimeoutMillis() {
        return idleTimeoutSeconds * 1000L;
    }
}
