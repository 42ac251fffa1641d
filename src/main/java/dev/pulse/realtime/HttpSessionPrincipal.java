package dev.pulse.realtime;

import java.security.Principal;
import java.util.Objects;

/**
 * The caller of a WebSocket handshake together with the HTTP session it was authenticated by.
 * {@link HandshakeSessionFilter} hands it to the container in place of the request's principal,
 * so it reaches {@code Session.getUserPrincipal()} of every endpoint without a configurator, and
 * {@link SessionRegistry} can bind the socket to that session. It behaves as the caller's
 * principal: same name, equal to it.
 */
public final class HttpSessionPrincipal implements Principal {

    private final Principal caller;
    private final String sessionId;

    public HttpSessionPrincipal(Principal caller, String sessionId) {
        this.caller = Objects.requireNonNull(caller);
        this.sessionId = Objects.requireNonNull(sessionId);
    }

    @Override
    public String getName() {
        return caller.getName();
    }

    /** The HTTP session the handshake was authenticated by. */
    public String sessionId() {
        return sessionId;
    }

    public Principal caller() {
        return caller;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Principal p && getName().equals(p.getName());
    }

    @Override
    public int hashCode() {
        return getName().hashCode();
    }

    @Override
    public String toString() {
        return caller.toString();
    }
}
