package dev.pulse.realtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the client's side of a WebSocket connection byte by byte, as it arrives, ahead of the
 * container, and passes on only frames the realtime core accepts (RFC 6455 5.1, 5.2, 5.6):
 * <ul>
 * <li>every client frame masked, else close 1002;</li>
 * <li>no binary data frame (every Pulse socket speaks text), else close 1003;</li>
 * <li>no message (one frame or the sum of its fragments) over {@code maxMessageBytes}, else close
 *     1009, decided from the frame header before any of its payload is passed on or buffered.</li>
 * </ul>
 * On a violation the offending frame is withheld, a masked close frame with the code is passed on
 * in its place (the container then closes the socket as if the client had asked, with that code and
 * reason, and the endpoint's {@code @OnClose} sees it), and everything after it is discarded.
 * The container (Tyrus) applies its own size limit only to fragmented messages and buffers up to 4 MiB
 * of a single frame before looking; it does not check masking at all.
 */
public final class FrameScanner {

    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_BINARY = 0x2;

    private final long maxMessageBytes;
    private final byte[] header = new byte[14];
    private int headerLength;
    private int headerNeeded = 2;
    private long payloadLeft;
    private boolean inPayload;
    /** Payload bytes of the data message in progress (fragments summed). */
    private long messageBytes;
    private boolean binaryMessage;
    private int violation;

    public FrameScanner(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The close code sent in place of an offending frame, or 0 while none has come. */
    public int violation() {
        return violation;
    }

    /** Scans {@code len} bytes read from the client and writes what may go on to {@code out}. */
    public void scan(byte[] in, int off, int len, ByteArrayOutputStream out) {
        int i = off;
        int end = off + len;
        while (i < end && violation == 0) {
            if (inPayload) {
                int n = (int) Math.min(payloadLeft, end - i);
                out.write(in, i, n);
                i += n;
                payloadLeft -= n;
                if (payloadLeft == 0) {
                    inPayload = false;
                }
                continue;
            }
            header[headerLength++] = in[i++];
            if (headerLength == 2) {
                int length7 = header[1] & 0x7f;
                headerNeeded = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
            }
            if (headerLength >= 2 && headerLength == headerNeeded) {
                frameHeaderComplete(out);
            }
        }
    }

    private void frameHeaderComplete(ByteArrayOutputStream out) {
        int opcode = header[0] & 0x0f;
        boolean masked = (header[1] & 0x80) != 0;
        int length7 = header[1] & 0x7f;
        long length = length7;
        if (length7 == 126) {
            length = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
        } else if (length7 == 127) {
            length = 0;
            for (int k = 2; k < 10; k++) {
                length = (length << 8) | (header[k] & 0xffL);
            }
        }
        boolean control = (opcode & 0x8) != 0;
        if (!masked) {
            refuse(1002, "Client frames must be masked", out);
            return;
        }
        if (!control) {
            if (opcode != OP_CONTINUATION) {
                messageBytes = 0;
                binaryMessage = opcode == OP_BINARY;
            }
            if (binaryMessage) {
                refuse(1003, "Binary frames are not accepted: send text", out);
                return;
            }
            // length < 0: a 64-bit length with the top bit set, which RFC 6455 forbids; too big either way.
            if (length < 0 || length > maxMessageBytes - messageBytes) {
                refuse(1009, "Message larger than " + maxMessageBytes + " bytes", out);
                return;
            }
            messageBytes += length;
        }
        out.write(header, 0, headerLength);
        headerLength = 0;
        headerNeeded = 2;
        payloadLeft = length;
        inPayload = length > 0;
    }

    private void refuse(int code, String reason, ByteArrayOutputStream out) {
        violation = code;
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = 2 + Math.min(text.length, 123);
        out.write(0x88); // FIN + close
        out.write(0x80 | length); // masked, as a client frame must be
        out.write(new byte[4], 0, 4); // an all-zero mask leaves the payload as it is
        out.write(code >> 8);
        out.write(code & 0xff);
        out.write(text, 0, length - 2);
    }
}
