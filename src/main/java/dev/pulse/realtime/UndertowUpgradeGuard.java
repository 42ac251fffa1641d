package dev.pulse.realtime;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.HttpUpgradeListener;
import io.undertow.server.ServerConnection;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.servlet.handlers.ServletRequestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The {@link FrameScanner} on WildFly, and the end of an HTTP session left to Pulse there. Undertow's WebSocket filter never asks the servlet request to
 * upgrade (so {@link GuardedUpgrade} is bypassed): it hands the exchange's connection an
 * {@code HttpUpgradeListener}, which gets the raw XNIO connection once the 101 is written. Just
 * before that, this guard puts itself between the two: the engine's listener then reads the client's
 * bytes through a scanning source conduit, with the same rules and close codes as on Payara
 * (masking 1002, binary 1003, {@code pulse.ws.max-message-bytes} 1009, decided from the frame header).
 * Bytes the client sent with its handshake pass the conduit too: Undertow pushes them back into the
 * connection's source before calling the listener.
 *
 * <p>Loaded only on Undertow ({@link ContainerSockets#undertow}): its class needs Undertow's.
 *
 * <p>Undertow's connection keeps its listener behind protected accessors; they are called
 * reflectively, once looked up. Should a later Undertow change them, sockets still open, unguarded,
 * and that is logged once.
 */
final class UndertowUpgradeGuard {

    private static final Logger LOG = Logger.getLogger(UndertowUpgradeGuard.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final Method GET_LISTENER;
    private static final Method SET_LISTENER;

    static {
        Method get = null;
        Method set = null;
        try {
            // The HTTP/1.1 connection, the one a WebSocket handshake upgrades.
            get = HttpServerConnection.class.getDeclaredMethod("getUpgradeListener");
            set = HttpServerConnection.class.getDeclaredMethod("setUpgradeListener", HttpUpgradeListener.class);
            get.setAccessible(true);
            set.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            get = null;
            set = null;
        }
        GET_LISTENER = get;
        SET_LISTENER = set;
    }

    private UndertowUpgradeGuard() {
    }

    /** Guards the connection of the handshake being handled on this thread, if it is upgraded. */
    static void guardCurrent(long maxMessageBytes) {
        HttpServerExchange exchange = ServletRequestContext.requireCurrent().getExchange();
        // Completion listeners run before the connection upgrades (its own listener runs last).
        exchange.addExchangeCompleteListener((completed, next) -> {
            try {
                if (completed.isUpgrade()) {
                    interpose(completed.getConnection(), maxMessageBytes);
                }
            } finally {
                next.proceed();
            }
        });
    }

    private static void interpose(ServerConnection connection, long maxMessageBytes) {
        if (GET_LISTENER == null) {
            unguarded("Undertow's upgrade listener accessors were not found");
            return;
        }
        if (!(connection instanceof HttpServerConnection)) {
            unguarded("an upgrade on " + connection.getClass().getName());
            return;
        }
        try {
            HttpUpgradeListener engine = (HttpUpgradeListener) GET_LISTENER.invoke(connection);
            if (engine == null) {
                return;
            }
            HttpUpgradeListener guarded = (stream, exchange) -> {
                stream.getSourceChannel().setConduit(new ScanningConduit(stream.getSourceChannel().getConduit(),
                        new FrameScanner(maxMessageBytes)));
                engine.handleUpgrade(stream, exchange);
                leaveSessionEndToPulse(exchange);
            };
            SET_LISTENER.invoke(connection, guarded);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unguarded(e.toString());
        }
    }

    /**
     * Undertow records every socket in its HTTP session (attribute {@value #SOCKETS_OF_SESSION}) and,
     * when the session ends, closes them all with 1008 and no reason, before Pulse's
     * {@link SessionRegistry} closes them with 1008 "Session ended" (as on Payara, where
     * {@link HandshakeSessionFilter} keeps the session from the container). The record is dropped
     * once the engine has opened the socket: the session's end is Pulse's to announce.
     */
    private static void leaveSessionEndToPulse(HttpServerExchange exchange) {
        ServletRequestContext request = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
        if (request == null) {
            return;
        }
        io.undertow.servlet.spec.HttpSessionImpl session = request.getCurrentServletContext().getSession(exchange, false);
        if (session != null) {
            io.undertow.server.session.Session underlying = session.getSession();
            synchronized (underlying) {
                underlying.removeAttribute(SOCKETS_OF_SESSION);
            }
        }
    }

    private static final String SOCKETS_OF_SESSION = "io.undertow.websocket.current-connections";

    private static void unguarded(String why) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warning(() -> "WebSocket frames are not scanned on this Undertow (" + why + "): the container's own checks apply");
        }
    }

    /** The client's bytes as the scanner lets them through. */
    static final class ScanningConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

        private final FrameScanner scanner;
        private final Passed passed = new Passed();

        ScanningConduit(StreamSourceConduit next, FrameScanner scanner) {
            super(next);
            this.scanner = scanner;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!dst.hasRemaining()) {
                return 0;
            }
            // Read until something passes or the source has nothing now: a header split over reads
            // passes nothing until it is whole, and a 0 here would wait for the network.
            while (passed.size() == 0) {
                int start = dst.position();
                int n = next.read(dst);
                if (n <= 0) {
                    return n;
                }
                byte[] raw = new byte[n];
                dst.position(start);
                dst.get(raw);
                dst.position(start);
                if (scanner.violation() == 0) {
                    scanner.scan(raw, 0, n, passed);
                }
                // after a violation the client's bytes are read and dropped: the socket is closing
            }
            return passed.drainTo(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            for (int i = offs; i < offs + len; i++) {
                if (dsts[i].hasRemaining()) {
                    return read(dsts[i]);
                }
            }
            return 0;
        }

        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            return Conduits.transfer(this, count, throughBuffer, target);
        }
    }

    /** Bytes the scanner let through that the engine has not read yet. */
    private static final class Passed extends ByteArrayOutputStream {
        private int start;

        Passed() {
            super(32);
        }

        int drainTo(ByteBuffer dst) {
            int n = Math.min(dst.remaining(), count - start);
            dst.put(buf, start, n);
            start += n;
            if (start == count) {
                reset();
                start = 0;
                if (buf.length > 1024) {
                    buf = new byte[32];
                }
            }
            return n;
        }

        @Override
        public synchronized int size() {
            return count - start;
        }
    }
}
