package dev.pulse.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client over a raw socket that can stop reading: the one client the JDK's cannot be
 * (it always drains its socket). Its receive buffer is small, so the server's writes back up at
 * once; {@link #readUntilClose} resumes reading and answers the close code the server sent.
 */
public final class StalledWsClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private StalledWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens {@code path} (HTTP/1.1 upgrade, 101 expected) and reads nothing after the handshake. */
    public static StalledWsClient connect(URL base, String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout((int) WsClient.TIMEOUT.toMillis());
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) WsClient.TIMEOUT.toMillis());
        StalledWsClient client = new StalledWsClient(socket);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET /" + path + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        client.out.write(request.getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        String status = client.headers();
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new AssertionError("handshake of " + path + " answered " + status);
        }
        return client;
    }

    /** Reads the response head byte by byte (nothing of the frames after it); answers its status line. */
    private String headers() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed during the handshake: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf("\r\n"));
    }

    /** Sends one masked text frame, as a client must. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /**
     * Resumes reading: skips every data frame and answers the code of the server's close frame
     * (1006 when the connection ends without one, by a FIN or by a reset, as browsers report both).
     * Each read waits at most {@link WsClient#TIMEOUT}.
     */
    public int readUntilClose() throws IOException {
        try {
            return readFramesUntilClose();
        } catch (java.io.EOFException midFrame) {
            // The server dropped the connection in the middle of a frame it was writing (WildFly
            // aborts a stalled connection that way): ended without a close frame.
            return 1006;
        } catch (java.net.SocketException reset) {
            // The server closed while bytes this client sent were still unread on its side: the kernel
            // ends such a connection with a reset, which also discards what this side had not read yet.
            if (String.valueOf(reset.getMessage()).contains("reset")) {
                return 1006;
            }
            throw reset;
        }
    }

    private int readFramesUntilClose() throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                return 1006;
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if ((second & 0x80) != 0) {
                in.skipNBytes(4);
            }
            if ((first & 0x0f) == 0x8) {
                byte[] payload = in.readNBytes((int) length);
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
            skip(in, length);
        }
    }

    private static void skip(InputStream in, long length) throws IOException {
        in.skipNBytes(length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
