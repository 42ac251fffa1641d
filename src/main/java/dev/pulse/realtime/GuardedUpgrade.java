package dev.pulse.realtime;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Puts a {@link FrameScanner} between the client and the container's WebSocket engine. The
 * container's upgrade filter asks the request for its upgrade handler; this request hands the
 * container a {@link Handler} that owns the engine's own handler and gives it a connection whose
 * input is scanned. Nothing of the engine is named, so any servlet-based engine (Tyrus here) works.
 */
final class GuardedUpgrade extends HttpServletRequestWrapper {

    private final long maxMessageBytes;

    GuardedUpgrade(HttpServletRequest request, long maxMessageBytes) {
        super(request);
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> engineHandler) throws IOException, ServletException {
        T engine;
        try {
            engine = engineHandler.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            // An engine whose handler needs the container to build it: upgrade unguarded rather than not at all.
            return super.upgrade(engineHandler);
        }
        Handler guard = super.upgrade(Handler.class);
        guard.engine = engine;
        guard.maxMessageBytes = maxMessageBytes;
        return engine;
    }

    /** The handler the container drives; it passes everything to the engine's handler. */
    public static final class Handler implements HttpUpgradeHandler {

        HttpUpgradeHandler engine;
        long maxMessageBytes;

        public Handler() {
        }

        @Override
        public void init(WebConnection connection) {
            engine.init(new ScannedConnection(connection, new FrameScanner(maxMessageBytes)));
        }

        @Override
        public void destroy() {
            engine.destroy();
        }
    }

    /** The container's connection with its input scanned; {@link #original()} is the container's own. */
    static final class ScannedConnection implements WebConnection {
        private final WebConnection connection;
        private final ScannedInput input;

        ScannedConnection(WebConnection connection, FrameScanner scanner) {
            this.connection = connection;
            try {
                this.input = new ScannedInput(connection.getInputStream(), scanner);
            } catch (IOException e) {
                throw new IllegalStateException("upgraded connection has no input", e);
            }
        }

        /** Hook for {@link TyrusSockets}, which tunes the container's own connection. */
        WebConnection original() {
            return connection;
        }

        @Override
        public ServletInputStream getInputStream() {
            return input;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return connection.getOutputStream();
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    /**
     * The client's bytes as the scanner lets them through; reads stay non-blocking like the
     * original's. It holds no read buffer of its own (one per socket was 16 KB of every idle
     * socket's heap, a third of it): the container's bytes land in the engine's array, are scanned
     * from there into {@link Pending}, and copied back.
     */
    private static final class ScannedInput extends ServletInputStream {
        private final ServletInputStream in;
        private final FrameScanner scanner;
        private final Pending pending = new Pending();

        ScannedInput(ServletInputStream in, FrameScanner scanner) {
            this.in = in;
            this.scanner = scanner;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pending.size() == 0) {
                int n = in.read(b, off, len);
                if (n < 0) {
                    return n;
                }
                if (scanner.violation() == 0) {
                    scanner.scan(b, off, n, pending);
                }
                // after a violation the client's bytes are read and dropped: the socket is closing
            }
            return pending.drainTo(b, off, len);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int available() throws IOException {
            return pending.size() + in.available();
        }

        @Override
        public boolean isFinished() {
            return pending.size() == 0 && in.isFinished();
        }

        @Override
        public boolean isReady() {
            return pending.size() > 0 || in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Bytes the scanner let through that the engine has not read yet. */
    private static final class Pending extends ByteArrayOutputStream {
        private static final int INITIAL_BYTES = 32;
        private static final int RETAINED_BYTES = 1024;
        private int start;

        Pending() {
            super(INITIAL_BYTES);
        }

        int drainTo(byte[] b, int off, int len) {
            int n = Math.min(len, count - start);
            System.arraycopy(buf, start, b, off, n);
            start += n;
            if (start == count) {
                reset();
                start = 0;
                if (buf.length > RETAINED_BYTES) {
                    // A large message passed through: an idle socket keeps only a small buffer.
                    buf = new byte[INITIAL_BYTES];
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
