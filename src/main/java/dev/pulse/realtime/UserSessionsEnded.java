package dev.pulse.realtime;

/**
 * CDI event, fired on every instance when {@link SessionRegistry#endUserSessions} was asked
 * anywhere in the cluster: the feature that keeps HTTP sessions (accounts) invalidates its local
 * sessions of {@code username} except {@code keepSessionId}.
 */
public record UserSessionsEnded(String username, String keepSessionId) {
}
