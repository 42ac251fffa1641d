package dev.pulse.realtime;

import java.io.EOFException;
import java.io.IOException;

/**
 * Tells a failure caused by the client going away (it closed or reset its TCP connection while
 * the server was still reading the request or writing the answer) from a failure of the server.
 * Such a failure has nobody left to answer and is the client's doing, so it is logged at FINE
 * without a stack trace (developers' guide: no stack trace for a client's behaviour).
 *
 * <p>The container reports it as an {@link EOFException} while reading, or, on Payara 6 (Grizzly's
 * {@code NIOConnection.assertOpen}), as an {@link IOException} "Connection is closed" while writing,
 * for example when it flushes a WebSocket handshake's 101 to a client that has already left.
 */
public final class ClientGone {

    private ClientGone() {
    }

    /** True when {@code failure} or one of its causes says the client's connection is gone. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EOFException || t instanceof IOException && String.valueOf(t.getMessage()).contains("Connection is closed")) {
                return true;
            }
        }
        return false;
    }
}
