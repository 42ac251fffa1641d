package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.WebConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scanned input the engine reads: every byte the scanner lets through, in order, whatever the read sizes. */
class GuardedUpgradeTest {

    private static byte[] maskedText(int length, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        if (length < 126) {
            out.write(0x80 | length);
        } else {
            out.write(0x80 | 126);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(new byte[] {9, 8, 7, 6});
        byte[] payload = new byte[length];
        random.nextBytes(payload);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The container's input: gives at most {@code chunk} bytes per read, as a network read would. */
    private static WebConnection connection(byte[] bytes, int chunk) {
        ByteArrayInputStream source = new ByteArrayInputStream(bytes);
        ServletInputStream in = new ServletInputStream() {
            @Override
            public int read() {
                return source.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return source.read(b, off, Math.min(len, chunk));
            }

            @Override
            public boolean isFinished() {
                return source.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        };
        return new WebConnection() {
            @Override
            public ServletInputStream getInputStream() {
                return in;
            }

            @Override
            public ServletOutputStream getOutputStream() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }

    private static byte[] readAll(ServletInputStream in, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[bufferSize];
        for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void theEngineGetsEveryFrameUnchangedWhateverItsBufferAndTheNetworkChunks() throws IOException {
        Random random = new Random(7);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int length : new int[] {0, 5, 125, 126, 3000, 40_000, 17}) {
            frames.writeBytes(maskedText(length, random));
        }
        byte[] input = frames.toByteArray();
        for (int chunk : new int[] {1, 7, 8192, 65536}) {
            for (int buffer : new int[] {1, 13, 8192}) {
                WebConnection scanned = new GuardedUpgrade.ScannedConnection(connection(input, chunk), new FrameScanner(1 << 20));
                assertArrayEquals(input, readAll(scanned.getInputStream(), buffer), "chunk " + chunk + ", buffer " + buffer);
            }
        }
    }

    @Test
    void anUnmaskedFrameBecomesTheCloseTheScannerWritesAndNothingAfterIt() throws IOException {
        byte[] unmasked = {(byte) 0x81, 0x02, 'h', 'i'};
        byte[] after = maskedText(10, new Random(1));
        byte[] input = new byte[unmasked.length + after.length];
        System.arraycopy(unmasked, 0, input, 0, unmasked.length);
        System.arraycopy(after, 0, input, unmasked.length, after.length);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        FrameScanner reference = new FrameScanner(1 << 20);
        reference.scan(input, 0, input.length, expected);

        FrameScanner scanner = new FrameScanner(1 << 20);
        byte[] read = readAll(new GuardedUpgrade.ScannedConnection(connection(input, 3), scanner).getInputStream(), 64);
        assertEquals(1002, scanner.violation());
        assertArrayEquals(expected.toByteArray(), read);
    }
}
