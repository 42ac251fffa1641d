package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameScannerTest {

    private static byte[] frame(int opcode, boolean fin, boolean masked, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int mask = masked ? 0x80 : 0;
        if (length < 126) {
            out.write(mask | length);
        } else if (length < 65536) {
            out.write(mask | 126);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >> shift) & 0xff);
            }
        }
        if (masked) {
            out.writeBytes(new byte[] {1, 2, 3, 4});
        }
        out.writeBytes(new byte[length]);
        return out.toByteArray();
    }

    private static byte[] scanByteByByte(FrameScanner scanner, byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : input) {
            scanner.scan(new byte[] {b}, 0, 1, out);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void passesMaskedTextFramesUpToTheLimitUnchangedHoweverTheyArrive() {
        byte[] input = concat(frame(1, true, true, 100), frame(1, false, true, 200), frame(0x9, true, true, 4),
                frame(0, true, true, 700), frame(1, true, true, 1000));
        FrameScanner scanner = new FrameScanner(1000);
        assertArrayEquals(input, scanByteByByte(scanner, input));
        assertEquals(0, scanner.violation());
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        new FrameScanner(1000).scan(input, 0, input.length, whole);
        assertArrayEquals(input, whole.toByteArray());
    }

    @Test
    void anOversizedFrameIsReplacedByAClose1009FromItsHeaderOn() {
        byte[] first = frame(1, true, true, 10);
        byte[] big = frame(1, true, true, 70_000);
        FrameScanner scanner = new FrameScanner(65536);
        byte[] out = scanByteByByte(scanner, concat(first, big));
        assertEquals(1009, scanner.violation());
        assertArrayEquals(first, Arrays.copyOf(out, first.length));
        assertClose(Arrays.copyOfRange(out, first.length, out.length), 1009, "Message larger than 65536 bytes");
    }

    @Test
    void fragmentsCountTogether() {
        FrameScanner scanner = new FrameScanner(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] input = concat(frame(1, false, true, 600), frame(0, true, true, 401));
        scanner.scan(input, 0, input.length, out);
        assertEquals(1009, scanner.violation());
    }

    @Test
    void unmaskedAndBinaryFramesAreRefused() {
        FrameScanner unmasked = new FrameScanner(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] input = frame(1, true, false, 5);
        unmasked.scan(input, 0, input.length, out);
        assertClose(out.toByteArray(), 1002, "Client frames must be masked");

        FrameScanner binary = new FrameScanner(1000);
        out.reset();
        input = frame(2, true, true, 5);
        binary.scan(input, 0, input.length, out);
        assertClose(out.toByteArray(), 1003, "Binary frames are not accepted: send text");
    }

    @Test
    void nothingPassesAfterAViolation() {
        FrameScanner scanner = new FrameScanner(10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] input = frame(1, true, true, 11);
        scanner.scan(input, 0, input.length, out);
        int size = out.size();
        byte[] more = frame(1, true, true, 3);
        scanner.scan(more, 0, more.length, out);
        assertEquals(size, out.size());
    }

    private static void assertClose(byte[] frame, int code, String reason) {
        assertEquals((byte) 0x88, frame[0]);
        int length = frame[1] & 0x7f;
        assertEquals(0x80, frame[1] & 0x80);
        assertEquals(6 + length, frame.length);
        assertEquals(code, (frame[6] & 0xff) << 8 | frame[7] & 0xff);
        assertEquals(reason, new String(frame, 8, length - 2, StandardCharsets.UTF_8));
    }
}
