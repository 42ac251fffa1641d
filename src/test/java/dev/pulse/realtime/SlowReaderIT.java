package dev.pulse.realtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.support.PayaraMicroProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure with real sockets: clients that never read (tiny receive buffers) on a fast price
 * feed are conflated while their frame waits, then closed by the send timeout, the metrics count
 * it, nothing of theirs stays queued, and a fast reader on the same symbols is unaffected. Idle
 * sockets close after WEBSOCKET_TIMEOUT, busy ones never do.
 */
class SlowReaderIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "GOOGL", "MSFT", "AMZN", "TSLA", "META", "NVDA",
            "NFLX", "JPM", "SPY", "BTC-USD", "ETH-USD", "SYMBOL_XYZ");
    private static final int STALLED = 5;
    private static final int QUEUE_CAPACITY = 32;

    private static PayaraMicroProcess server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = PayaraMicroProcess.standalone("slow-readers", Map.of(
                "REALTIME_UPDATE_INTERVAL", "0.1",
                "REALTIME_BATCH_SIZE", "50",
                "MAX_SUBSCRIPTIONS_PER_CONNECTION", "50",
                "PULSE_WS_SEND_TIMEOUT_MS", "3000",
                "WEBSOCKET_TIMEOUT", "4",
                // A small kernel buffer, so a reader that stops is noticed in seconds, not minutes.
                "PULSE_WS_SOCKET_SEND_BUFFER_BYTES", "8192",
                "PULSE_WS_SEND_QUEUE_CAPACITY", Integer.toString(QUEUE_CAPACITY)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stalledReadersAreConflatedThenClosedWithinTheSendTimeoutAndFastReadersKeepUp() throws Exception {
        URI base = server.base().toURI();
        AtomicInteger fastFrames = new AtomicInteger();
        AtomicReference<String> fastClosed = new AtomicReference<>();
        WebSocket fast = HTTP.newWebSocketBuilder().buildAsync(uri(base, "/ws/realtime/"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        if (last && data.toString().contains("\"asset_update\"")) {
                            fastFrames.incrementAndGet();
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        fastClosed.set(statusCode + " " + reason);
                        return null;
                    }
                }).join();
        for (String symbol : SYMBOLS) {
            fast.sendText(subscribe(symbol), true).join();
        }

        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < STALLED; i++) {
            stalled.add(stalledSubscriber(base));
        }
        try {
            // Control: the feed really is fast, the fast reader gets it.
            await("price updates to the fast reader").atMost(Duration.ofSeconds(30)).until(() -> fastFrames.get() > 50);

            await("send timeouts of the stalled readers").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> metric("pulse_ws_send_timeouts_total") >= STALLED);
            assertEquals(STALLED, metric("pulse_ws_send_timeouts_total"), "every stalled reader, and no one else, timed out");
            assertTrue(metric("pulse_ws_frames_conflated_total") > 0, "a waiting reader keeps only the newest price per symbol");
            assertEquals(0, metric("pulse_ws_slow_client_disconnects_total"), "conflation kept every outbox within its capacity");

            for (Socket socket : stalled) {
                assertTrue(drainsToTheEnd(socket), "the server dropped the stalled TCP connection");
            }
            await("stalled sockets forgotten").atMost(Duration.ofSeconds(30))
                    .until(() -> metric("pulse_ws_connections") == 1);
            assertTrue(metric("pulse_ws_queued_frames") <= SYMBOLS.size(),
                    "only the fast reader's conflated frames may still be queued");

            int before = fastFrames.get();
            await("the fast reader keeps receiving").atMost(Duration.ofSeconds(30)).until(() -> fastFrames.get() >= before + SYMBOLS.size());
            assertEquals(null, fastClosed.get(), "the fast reader was never closed");
            assertFalse(fast.isInputClosed());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            fast.abort();
        }
    }

    @Test
    void aSilentSocketClosesAfterTheIdleTimeoutWhileAnActiveOneStaysOpen() throws Exception {
        URI base = server.base().toURI();
        AtomicReference<String> idleClosed = new AtomicReference<>();
        AtomicReference<String> activeClosed = new AtomicReference<>();
        AtomicInteger pongs = new AtomicInteger();
        long opened = System.nanoTime();
        WebSocket idle = HTTP.newWebSocketBuilder().buildAsync(uri(base, "/ws/realtime/"), closeRecorder(idleClosed, null)).join();
        WebSocket active = HTTP.newWebSocketBuilder().buildAsync(uri(base, "/ws/realtime/"), closeRecorder(activeClosed, pongs)).join();
        // The active client speaks every 500 ms; the idle one never does, and is sent nothing after its greeting.
        java.util.concurrent.ScheduledExecutorService pacer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        pacer.scheduleAtFixedRate(() -> active.sendText("{\"type\":\"ping\",\"data\":{}}", true), 0, 500,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            await("the idle socket's close").atMost(Duration.ofSeconds(30)).until(() -> idleClosed.get() != null);
            long lived = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
            assertEquals("1001 Idle timeout", idleClosed.get());
            assertTrue(lived >= 4000, "not closed before WEBSOCKET_TIMEOUT (4 s): " + lived + " ms");
            int before = pongs.get();
            await("the active socket still answers").atMost(Duration.ofSeconds(10)).until(() -> pongs.get() > before + 2);
            assertEquals(null, activeClosed.get(), "a socket that spoke within the timeout stays open");
            assertTrue(metric("pulse_ws_idle_closes_total") >= 1);
        } finally {
            pacer.shutdownNow();
            idle.abort();
            active.abort();
        }
    }

    private static WebSocket.Listener closeRecorder(AtomicReference<String> closed, AtomicInteger pongs) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (pongs != null && data.toString().contains("\"pong\"")) {
                    pongs.incrementAndGet();
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.set(statusCode + " " + reason);
                return null;
            }
        };
    }

    /** A raw client with a tiny receive buffer that subscribes to every symbol and never reads again. */
    private static Socket stalledSubscriber(URI base) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws/realtime/ HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 101"), "upgrade answered: " + head);
        for (String symbol : SYMBOLS) {
            out.write(maskedText(subscribe(symbol)));
        }
        out.flush();
        return socket;
    }

    /** Reads what the server had sent until the connection ends; false if it is still open after the read timeout. */
    private static boolean drainsToTheEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // what was written before the abort: price frames
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** A client text frame (RFC 6455 5.2): FIN + text opcode, masked payload under 126 bytes. */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private static String subscribe(String symbol) {
        return "{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"" + symbol + "\"}}";
    }

    /** An application metric's value from the Prometheus text at /metrics. */
    private static long metric(String name) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(server.base().toURI().resolve("/metrics?scope=application"))
                        .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = Pattern.compile("(?m)^" + name + "(?:_total)?(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)$").matcher(body);
        if (!value.find()) {
            throw new AssertionError("no metric " + name + " in " + body);
        }
        return Math.round(Double.parseDouble(value.group(1)));
    }

    private static URI uri(URI base, String path) {
        return URI.create("ws://" + base.getAuthority() + path);
    }
}
