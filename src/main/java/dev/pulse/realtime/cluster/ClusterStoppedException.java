package dev.pulse.realtime.cluster;

/**
 * The cluster member has shut down, so the shared state is unreachable: the server is stopping.
 * Callers that run during shutdown ({@code @PreDestroy}, timers, sockets closing) catch it and log
 * quietly; at any other time it is a failure like any other.
 */
public class ClusterStoppedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ClusterStoppedException(Throwable cause) {
        super("the cluster member has shut down", cause);
    }
}
