package dev.pulse.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Where a connection's frames go: the client socket in production, a recorder in unit tests. */
public interface TextSink {

    /** Starts sending; {@code done} gets null on success or the failure, possibly on another thread. */
    void sendAsync(String text, Consumer<Throwable> done);

    void close(int code, String reason);

    /**
     * Closes with the code, then drops the transport without waiting for the close frame to be
     * written: for a peer that stopped reading, which would otherwise hold the TCP connection
     * (and the container's buffers) open for as long as it likes.
     */
    default void abort(int code, String reason) {
        close(code, reason);
    }

    /** Whether the transport is still open as far as the container knows (true where it cannot tell). */
    default boolean isOpen() {
        return true;
    }

    /**
     * The session as a sink. Closing happens on {@code closer}, never on the caller's thread: a
     * close from {@code @OnOpen} on the upgrading thread races the container's completion of the
     * handshake (Payara then fails the upgrade with "Connection is closed"), and a close from a
     * broadcasting thread would write to the socket there.
     */
    static TextSink of(Session session, Consumer<Runnable> closer) {
        BiConsumer<String, SendHandler> sender = ContainerSockets.sender(session);
        Object transport = ContainerSockets.transport(session);
        return new TextSink() {
            // A connection passes the same callback with every frame: adapt it once, not per frame.
            private Consumer<Throwable> adapted;
            private SendHandler handler;

            @Override
            public void sendAsync(String text, Consumer<Throwable> done) {
                SendHandler h = handler;
                if (adapted != done) {
                    h = result -> done.accept(result.isOK() ? null : result.getException());
                    handler = h;
                    adapted = done;
                }
                try {
                    sender.accept(text, h);
                } catch (RuntimeException e) {
                    done.accept(e);
                }
            }

            @Override
            public void close(int code, String reason) {
                closer.accept(() -> closeNow(code, reason));
            }

            @Override
            public void abort(int code, String reason) {
                closer.accept(() -> {
                    closeNow(code, reason);
                    ContainerSockets.abortTransport(session);
                });
            }

            @Override
            public boolean isOpen() {
                return session.isOpen() && ContainerSockets.transportOpen(transport);
            }

            private void closeNow(int code, String reason) {
                try {
                    if (session.isOpen()) {
                        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                    }
                } catch (IOException | RuntimeException e) {
                    Logger.getLogger(TextSink.class.getName()).log(Level.FINE, "close of " + session.getId() + " failed", e);
                }
            }
        };
    }
}
