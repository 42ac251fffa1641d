package dev.pulse.realtime;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.util.function.BiConsumer;

/**
 * What the core asks of the WebSocket container beyond {@code jakarta.websocket}, routed to the one
 * adapter for the container the socket lives in: {@link TyrusSockets} (Payara: Tyrus on Grizzly),
 * {@link UndertowSockets} (WildFly), or the standard API alone for any other. The choice is made by
 * the session's (or container's) class, so nothing here is configured and a socket never meets the
 * wrong adapter.
 */
final class ContainerSockets {

    private ContainerSockets() {
    }

    static boolean tyrus(Object containerObject) {
        return containerObject.getClass().getName().startsWith("org.glassfish.tyrus.");
    }

    static boolean undertow(Object containerObject) {
        return containerObject.getClass().getName().startsWith("io.undertow.");
    }

    /** Called once, when the application starts, with the servlet context's {@code ServerContainer}. */
    static void containerStarted(Object serverContainer) {
        if (tyrus(serverContainer)) {
            TyrusSockets.disableContainerTimers(serverContainer);
        }
    }

    /** Sends text frames for one socket; {@code handler} is told when the container took the frame. */
    static BiConsumer<String, SendHandler> sender(Session session) {
        return tyrus(session) ? TyrusSockets.sender(session) : session.getAsyncRemote()::sendText;
    }

    /**
     * Prepares a socket when it opens: no container idle timer (the core's sweep enforces
     * {@code WEBSOCKET_TIMEOUT}) and the container's write tuning where it has any.
     */
    static void prepare(Session session, int containerQueueBytes, int socketSendBufferBytes) {
        if (tyrus(session)) {
            TyrusSockets.disableContainerIdleTimer(session);
            TyrusSockets.tuneContainerWrites(session, containerQueueBytes, socketSendBufferBytes);
        } else {
            session.setMaxIdleTimeout(0);
            if (undertow(session)) {
                UndertowSockets.tuneWrites(session, socketSendBufferBytes);
            }
        }
    }

    /** Closes the socket's TCP connection at once, whatever is still waiting to be written. */
    static void abortTransport(Session session) {
        if (tyrus(session)) {
            TyrusSockets.abortTransport(session);
        } else if (undertow(session)) {
            UndertowSockets.abortTransport(session);
        }
    }

    /** The connection under the socket, for {@link #transportOpen}; null where the session's own state is all there is. */
    static Object transport(Session session) {
        return tyrus(session) ? TyrusSockets.transport(session) : null;
    }

    static boolean transportOpen(Object transport) {
        return transport == null || TyrusSockets.transportOpen(transport);
    }
}
