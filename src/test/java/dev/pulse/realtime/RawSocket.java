package dev.pulse.realtime;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;

/**
 * A WebSocket client over a plain socket, for what the JDK client cannot produce: unmasked,
 * binary and single huge frames, raw bytes in the request line. Reads block at most 20 s each.
 */
final class RawSocket implements AutoCloseable {

    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
        }

        String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String statusLine;
    /** The server's close frame has been read: the server ends the connection next. */
    private boolean closeReceived;
    /** Frames read while {@link #awaitLive()} waited for its pong, handed out first by {@link #next()}. */
    private final Deque<Frame> early = new ArrayDeque<>();

    private RawSocket(Socket socket, String statusLine, DataInputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.statusLine = statusLine;
    }

    /** Sends a WebSocket handshake for {@code target} (raw path and query, bytes as given) and reads the status line and headers. */
    static RawSocket open(URL base, byte[] target, Map<String, String> headers) {
        try {
            Socket socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(20_000);
            byte[] key = new byte[16];
            RANDOM.nextBytes(key);
            StringBuilder head = new StringBuilder();
            head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write("GET ".getBytes(StandardCharsets.US_ASCII));
            out.write(target);
            out.write(" HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String status = line(in);
            while (!line(in).isEmpty()) {
                // headers: not needed
            }
            return new RawSocket(socket, status, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawSocket open(URL base, String target, Map<String, String> headers) {
        return open(base, target.getBytes(StandardCharsets.UTF_8), headers);
    }

    static RawSocket open(URL base, String target) {
        return open(base, target, Map.of());
    }

    /** The status code of the handshake's answer (101 when upgraded). */
    int status() {
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    RawSocket sendText(String text) {
        return send(0x1, text.getBytes(StandardCharsets.UTF_8), true, true);
    }

    RawSocket send(int opcode, byte[] payload, boolean fin, boolean masked) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write((fin ? 0x80 : 0) | opcode);
            int maskBit = masked ? 0x80 : 0;
            if (payload.length < 126) {
                frame.write(maskBit | payload.length);
            } else if (payload.length < 65536) {
                frame.write(maskBit | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(maskBit | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >> shift) & 0xff);
                }
            }
            byte[] body = payload;
            if (masked) {
                byte[] mask = new byte[4];
                RANDOM.nextBytes(mask);
                frame.write(mask);
                body = new byte[payload.length];
                for (int i = 0; i < payload.length; i++) {
                    body[i] = (byte) (payload[i] ^ mask[i & 3]);
                }
            }
            frame.write(body);
            out.write(frame.toByteArray());
            out.flush();
            return this;
        } catch (IOException e) {
            // The server may close while a big frame is still being written: what it answered is read next.
            return this;
        }
    }

    /**
     * A ping, then its pong: the socket is live both ways before a test provokes a close. A close
     * the server makes the instant the 101 went out can meet the container's upgrade request still
     * running on another thread, and then no close frame is ever written (docs/known-issues.md,
     * "A socket that never answers"). Frames that come before the pong are kept for {@link #next()}.
     */
    RawSocket awaitLive() {
        byte[] token = "live?".getBytes(StandardCharsets.US_ASCII);
        send(0x9, token, true, true);
        for (Frame frame = read(); frame != null; frame = read()) {
            if (frame.opcode() == 0xA && Arrays.equals(token, frame.payload())) {
                return this;
            }
            early.add(frame);
        }
        throw new AssertionError("no pong: the connection ended after " + early.size() + " frames");
    }

    /** The next frame from the server; null when the connection ended. */
    Frame next() {
        Frame kept = early.poll();
        return kept != null ? kept : read();
    }

    private Frame read() {
        try {
            int b0 = in.read();
            if (b0 < 0) {
                return null;
            }
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if ((b0 & 0x0f) == 0x8) {
                closeReceived = true;
            }
            return new Frame(b0 & 0x0f, payload);
        } catch (IOException e) {
            return null;
        }
    }

    String nextText() {
        Frame frame = next();
        if (frame == null || frame.opcode() != 0x1) {
            throw new AssertionError("expected a text frame, got " + describe(frame));
        }
        return frame.text();
    }

    /**
     * Closes as a browser does: a masked close frame (1000), then the server's close frame, so that
     * {@link #close()} lets the server end the connection first (docs/known-issues.md).
     */
    Frame closeNormally() {
        send(0x8, new byte[] {0x03, (byte) 0xe8}, true, true);
        return awaitClose();
    }

    /** Reads until the server's close frame (skipping data frames) and returns it. */
    Frame awaitClose() {
        for (Frame frame = next(); frame != null; frame = next()) {
            if (frame.opcode() == 0x8) {
                return frame;
            }
        }
        throw new AssertionError("connection ended without a close frame");
    }

    /** Reads the rest of an HTTP answer's body after a refused handshake. */
    String body() {
        try {
            return new String(readAll(in), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static String describe(Frame frame) {
        if (frame == null) {
            return "end of connection";
        }
        return frame.opcode() == 0x8 ? "close " + frame.closeCode() + " " + frame.closeReason() : "opcode " + frame.opcode();
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.setSoTimeout(5000);
            if (!closeReceived && statusLine.contains(" 101 ")) {
                // Still open: the close handshake first, as a browser does.
                send(0x8, new byte[] {0x03, (byte) 0xe8}, true, true);
                for (Frame frame = next(); frame != null && frame.opcode() != 0x8; frame = next()) {
                    // frames the server sent before its close frame
                }
            }
            if (closeReceived) {
                // Let the server end the connection first, as browsers do (docs/known-issues.md): a client
                // FIN racing the server's own close can leave the container's recycled request objects
                // serving the next connection, which then never answers.
                while (in.read() >= 0) {
                    // the server sends nothing after its close frame; wait for its end of stream
                }
            }
        } catch (IOException ignored) {
            // ended or timed out: close anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
