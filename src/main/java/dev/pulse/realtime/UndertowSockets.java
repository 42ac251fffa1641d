package dev.pulse.realtime;

import jakarta.websocket.Session;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that knows WildFly's WebSocket container (Undertow 2.3), through its public
 * {@code UndertowSession.getWebSocketChannel()} only, called reflectively so the WAR needs no
 * Undertow classes on Payara. Undertow needs none of Tyrus's work-arounds: it has no idle timer
 * unless one is set, and an asynchronous send completes only when the frame was flushed to the
 * connection, so the core's back-pressure is real with the standard API.
 */
final class UndertowSockets {

    private static final Logger LOG = Logger.getLogger(UndertowSockets.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private UndertowSockets() {
    }

    /** A fixed send buffer for the connection ({@code pulse.ws.socket-send-buffer-bytes}; 0 leaves the kernel's). */
    static void tuneWrites(Session session, int socketSendBufferBytes) {
        if (socketSendBufferBytes <= 0) {
            return;
        }
        try {
            Object channel = channel(session);
            Class<?> options = Class.forName("org.xnio.Options", false, channel.getClass().getClassLoader());
            Object sendBuffer = options.getField("SEND_BUFFER").get(null);
            channel.getClass().getMethod("setOption", Class.forName("org.xnio.Option", false, options.getClassLoader()), Object.class)
                    .invoke(channel, sendBuffer, socketSendBufferBytes);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable("the socket send buffer", e);
        }
    }

    /** Closes the connection under the socket at once (Undertow's framed channel, then its TCP connection). */
    static void abortTransport(Session session) {
        try {
            if (channel(session) instanceof Closeable channel) {
                channel.close();
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            unavailable("aborting a stalled connection", e);
        }
    }

    private static Object channel(Session session) throws ReflectiveOperationException {
        return session.getClass().getMethod("getWebSocketChannel").invoke(session);
    }

    private static void unavailable(String what, Exception cause) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.info(() -> "Undertow WebSocket session without the expected API; no " + what + " (" + cause + ")");
        }
        LOG.log(Level.FINE, what, cause);
    }
}
