package dev.pulse.support;

import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client over a real socket (the JDK's), recording every frame and the close. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);


    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
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
        WebSocket.Builder builder = client.http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(wsUri(base, path), client).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    public static URI wsUri(URL base, String path) {
        String http = base.toExternalForm();
        if (!http.endsWith("/")) {
            http += "/";
        }
        return URI.create(http.replaceFirst("^http", "ws") + path);
    }

    public WsClient send(String text) {
        socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return this;
    }

    /** The next frame, waiting for it to arrive. */
    public String next() {
        try {
            String frame = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + TIMEOUT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonObject nextJson() {
        return parse(next());
    }

    /** Skips frames until one matches, returning it. */
    public JsonObject nextJson(Predicate<JsonObject> wanted) {
        while (true) {
            JsonObject frame = nextJson();
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** Frames received and not yet taken. */
    public List<String> pending() {
        return List.copyOf(received);
    }

    public int awaitClose() {
        return closeCode.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closeCode.isDone();
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

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }

    @Override
    /**
     * Closes as a browser does: a close frame, then the server's close ends the connection. An
     * abort (TCP reset) only when the server does not answer: resetting upgraded connections makes
     * Payara log spurious errors for the requests it is serving at that moment.
     */
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        try {
            closeCode.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
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
