package dev.pulse.support;

import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client over a real socket (the JDK's), recording every frame and the close.
 *
 * <p>Every wait here has an overall deadline ({@link #TIMEOUT}) and fails saying what it waited for
 * and what it skipped meanwhile: a regression fails the test instead of hanging the build. Waits
 * are interruptible, so JUnit's default timeout (junit-platform.properties) can end them too.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    /** The longest any single wait of a test may take: for one frame, or for a frame matching a predicate. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Frames {@link #nextJson(Predicate)} skips at most before it gives up: a stream that never yields the wanted frame. */
    public static final int MAX_SKIPPED = 500;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private URI uri;
    /*
     * Held for the socket's lifetime: the JDK shuts an HttpClient down once it is no longer
     * referenced, closing its WebSockets ("Output closed") at the next GC. One per socket, so a
     * refused handshake's connection is never pooled and reused for another socket.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private WsClient() {
    }

    /** Connects to {@code path} (e.g. {@code ws/chat/}) relative to the deployment's base URL. */
    public static WsClient connect(URL base, String path) {
        return connect(base, path, Map.of());
    }

    public static WsClient connect(URL base, String path, Map<String, String> headers) {
        WsClient client = new WsClient();
        client.uri = wsUri(base, path);
        try {
            client.socket = within(client.handshake(headers), "the handshake of " + client.uri);
        } catch (ExecutionException e) {
            throw new AssertionError("handshake of " + client.uri + " failed: " + e.getCause(), e.getCause());
        }
        return client;
    }

    /**
     * Opens a socket that the server must refuse at the handshake; answers the HTTP status of the
     * refusal. Fails if the socket opened.
     */
    public static int refusedHandshake(URL base, String path, Map<String, String> headers) {
        WsClient client = new WsClient();
        client.uri = wsUri(base, path);
        try {
            WebSocket opened = within(client.handshake(headers), "the handshake of " + client.uri);
            client.socket = opened;
            client.close();
            throw new AssertionError("the handshake of " + client.uri + " with " + headers + " was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("the handshake of " + client.uri + " failed without an HTTP answer: " + e.getCause(), e.getCause());
        }
    }

    private CompletableFuture<WebSocket> handshake(Map<String, String> headers) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        return builder.buildAsync(uri, this);
    }

    public static URI wsUri(URL base, String path) {
        String http = base.toExternalForm();
        if (!http.endsWith("/")) {
            http += "/";
        }
        return URI.create(http.replaceFirst("^http", "ws") + path);
    }

    public WsClient send(String text) {
        try {
            within(socket.sendText(text, true), "sending " + text + " on " + uri);
        } catch (ExecutionException e) {
            throw new AssertionError("sending " + text + " on " + uri + " failed: " + e.getCause(), e.getCause());
        }
        return this;
    }

    /** The next frame, waiting at most {@link #TIMEOUT} for it. */
    public String next() {
        String frame = poll(TIMEOUT.toNanos());
        if (frame == null) {
            throw new AssertionError("no frame within " + TIMEOUT + " on " + uri + closeNote());
        }
        return frame;
    }

    /** The next frame if one arrives within {@code wait} (zero: only one already here), else null. */
    public String nextWithin(Duration wait) {
        return poll(wait.toNanos());
    }

    public JsonObject nextJson() {
        return parse(next());
    }

    /** Skips frames until one matches, returning it; fails after {@link #TIMEOUT} overall or {@link #MAX_SKIPPED} frames. */
    public JsonObject nextJson(Predicate<JsonObject> wanted) {
        return nextJson("a frame matching the test's predicate", MAX_SKIPPED, wanted);
    }

    /**
     * The first frame matching {@code wanted} among the next {@code maxSkipped + 1} frames, within
     * {@link #TIMEOUT} overall. Fails naming {@code what} and the frames skipped, so "X stops"
     * can be asserted as "X's reply arrives within N frames".
     */
    public JsonObject nextJson(String what, int maxSkipped, Predicate<JsonObject> wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            String text = poll(deadline - System.nanoTime());
            if (text == null) {
                throw new AssertionError("no " + what + " within " + TIMEOUT + " on " + uri + closeNote() + "; skipped "
                        + describe(skipped));
            }
            JsonObject frame = parse(text);
            if (wanted.test(frame)) {
                return frame;
            }
            skipped.add(text);
            if (skipped.size() > maxSkipped) {
                throw new AssertionError("no " + what + " within " + maxSkipped + " frames on " + uri + "; skipped "
                        + describe(skipped));
            }
        }
    }

    private static String describe(List<String> skipped) {
        if (skipped.size() <= 6) {
            return skipped.size() + " frames " + skipped;
        }
        return skipped.size() + " frames, first " + skipped.subList(0, 3) + ", last " + skipped.subList(skipped.size() - 3, skipped.size());
    }

    private String closeNote() {
        return closeCode.isDone() ? " (closed with " + closeCode.getNow(null) + ")" : "";
    }

    private String poll(long nanos) {
        try {
            return received.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a frame on " + uri, e);
        }
    }

    /** Frames received and not yet taken. */
    public List<String> pending() {
        return List.copyOf(received);
    }

    /** The close code the server sent (1006 when the connection ended without one), within {@link #TIMEOUT}. */
    public int awaitClose() {
        try {
            return within(closeCode, "the close of " + uri + " (frames not taken: " + pending() + ")");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** The reason of the server's close frame, once {@link #awaitClose} has returned. */
    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Waits for {@code future} at most {@link #TIMEOUT}, interruptibly; fails naming {@code what}. */
    public static <T> T within(Future<T> future, String what) throws ExecutionException {
        try {
            return future.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    public static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (partial) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
        }
        return null;
    }

    /**
     * Never lets the JDK answer a close or end the TCP connection: the server closes it first, as
     * RFC 6455 (7.1.1) asks and browsers do. The JDK client would otherwise send its close reply and
     * FIN at once, and a FIN arriving while Payara closes the upgraded connection leaves a read
     * callback pending on request objects Payara recycles for the next connection: that one then
     * gets the old socket's close (1000 or 1006) or loses its frames (docs/known-issues.md).
     */
    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
        return new CompletableFuture<Void>();
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }

    /**
     * Closes as a browser does: a close frame, then the server's close ends the connection (a
     * socket the server closed needs nothing more). An abort (TCP reset) only when the server does
     * not answer: resetting upgraded connections makes Payara log spurious errors for the requests
     * it is serving at that moment. The JDK releases the socket when this client is collected.
     */
    @Override
    public void close() {
        if (socket == null || closeCode.isDone()) {
            return;
        }
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        try {
            closeCode.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            socket.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.abort();
        }
    }

    /** Waits until the assertion holds (state reached asynchronously: a page still loading counts as not yet). */
    public static void eventually(Runnable assertion) {
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(assertion::run);
    }
}
