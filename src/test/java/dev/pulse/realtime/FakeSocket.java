package dev.pulse.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client socket in memory: the {@link TextSink} seam a {@link Connection} writes to, so protocol
 * cases run as millisecond unit tests (see {@link HubHarness}).
 *
 * <p><b>What it fakes:</b> the frames the server sends (every text frame in order; {@link #nextFrame()}
 * waits for the next unread one up to a deadline), the server's close (code and reason;
 * {@link #awaitClose()}), and the socket's write completion: {@link #open()} completes each write at
 * once, on the writer's stack (a fast reader); {@link #stalled()} keeps each write in flight until
 * the test calls {@link #completeNext()} or {@link #failNext} (a client that stopped reading), which
 * is how back-pressure, conflation and overflow are tested. {@link #session()} shows the same socket
 * as a {@code jakarta.websocket.Session}, so {@link Hub#open} and an endpoint's {@code @OnMessage}
 * method can be driven as the container would drive them.
 *
 * <p><b>What it does not fake:</b> the container. No HTTP upgrade or handshake (origin check,
 * authentication, {@code GroupsAtHandshake}, the session binding of a logged-in user), no framing,
 * masking, UTF-8 or frame-size checks (1009), no TCP back-pressure of Grizzly's write queue, no ping
 * or idle timer, and no race between a close and the handshake's completion or the peer's own
 * close. Those stay integration tests against Payara ({@code *IT}).
 */
public final class FakeSocket implements TextSink {

    /** How long {@link #nextFrame()} and {@link #awaitClose()} wait before failing the test. */
    public static final Duration DEADLINE = Duration.ofSeconds(5);

    private final boolean autoComplete;
    private final String user;
    private final List<String> frames = new ArrayList<>();
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final Deque<Consumer<Throwable>> inFlight = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, Object> userProperties = new ConcurrentHashMap<>();
    private final Map<String, List<String>> query = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();
    private volatile int closeCode;
    private volatile String closeReason;
    private Session session;

    private FakeSocket(boolean autoComplete, String user) {
        this.autoComplete = autoComplete;
        this.user = user;
    }

    /** An anonymous socket that takes every frame at once. */
    public static FakeSocket open() {
        return new FakeSocket(true, null);
    }

    /** A socket of {@code user} (null for anonymous) that takes every frame at once. */
    public static FakeSocket open(String user) {
        return new FakeSocket(true, user);
    }

    /** A socket whose writes stay in flight until {@link #completeNext()}: a client that is not reading. */
    public static FakeSocket stalled() {
        return new FakeSocket(false, null);
    }

    @Override
    public void sendAsync(String text, Consumer<Throwable> done) {
        synchronized (this) {
            frames.add(text);
            if (!autoComplete) {
                inFlight.add(done);
            }
        }
        unread.add(text);
        if (autoComplete) {
            done.accept(null);
        }
    }

    @Override
    public void close(int code, String reason) {
        synchronized (this) {
            if (closed.getCount() == 0) {
                return;
            }
            closeCode = code;
            closeReason = reason;
        }
        closed.countDown();
    }

    /** Adds a query parameter of the handshake ({@code ?name=value}), as the session's request parameter map shows it. */
    public FakeSocket query(String name, String value) {
        query.put(name, List.of(value));
        return this;
    }

    /** Completes the oldest write in flight successfully; false when none was in flight. */
    public boolean completeNext() {
        return finishNext(null);
    }

    /** Fails the oldest write in flight with {@code failure} (a broken pipe); false when none was in flight. */
    public boolean failNext(Throwable failure) {
        return finishNext(failure);
    }

    private boolean finishNext(Throwable failure) {
        Consumer<Throwable> done;
        synchronized (this) {
            done = inFlight.poll();
        }
        if (done == null) {
            return false;
        }
        done.accept(failure);
        return true;
    }

    /** Writes handed to this socket and not completed yet. */
    public synchronized int inFlight() {
        return inFlight.size();
    }

    /** The next frame not yet read by the test, waiting up to {@link #DEADLINE}. */
    public String nextFrame() {
        return nextFrame(DEADLINE);
    }

    /** The next frame not yet read by the test; an AssertionError if none arrives within {@code deadline}. */
    public String nextFrame(Duration deadline) {
        try {
            String frame = unread.poll(deadline.toNanos(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + deadline + " (received so far: " + frames() + ")");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a frame", e);
        }
    }

    /** Frames received and not yet taken by {@link #nextFrame()}. */
    public int unreadCount() {
        return unread.size();
    }

    /** Every frame sent to this socket, in order (read or not). */
    public synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    /** Waits up to {@link #DEADLINE} for the server to close this socket and returns the close code. */
    public int awaitClose() {
        try {
            if (!closed.await(DEADLINE.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("not closed within " + DEADLINE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the close", e);
        }
        return closeCode;
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** The server's close code, 0 while open. */
    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    /**
     * This socket as the container's session: user properties, principal, id, open state, close,
     * and {@code getAsyncRemote().sendText(String, SendHandler)} onto {@link #sendAsync}. Anything
     * else the container would do throws UnsupportedOperationException, so a test sees what it
     * does not cover.
     */
    public synchronized Session session() {
        if (session == null) {
            RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler handler) {
                            sendAsync((String) args[0], failure -> handler.onResult(
                                    failure == null ? new SendResult() : new SendResult(failure)));
                            return null;
                        }
                        return objectMethod(proxy, method.getName(), args, "FakeSocket.async");
                    });
            Principal principal = user == null ? null : () -> user;
            session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getUserProperties" -> userProperties;
                        case "getUserPrincipal" -> principal;
                        case "getRequestParameterMap" -> Map.copyOf(query);
                        case "getId" -> id;
                        case "isOpen" -> !isClosed();
                        case "getAsyncRemote" -> async;
                        case "close" -> {
                            CloseReason reason = args == null || args.length == 0 ? null : (CloseReason) args[0];
                            close(reason == null ? 1000 : reason.getCloseCode().getCode(),
                                    reason == null ? "" : reason.getReasonPhrase());
                            yield null;
                        }
                        // Limits Hub.open applies: the container enforces them, not this fake.
                        case "setMaxTextMessageBufferSize", "setMaxBinaryMessageBufferSize", "setMaxIdleTimeout" -> null;
                        default -> objectMethod(proxy, method.getName(), args, "FakeSocket.session " + id);
                    });
        }
        return session;
    }

    private static Object objectMethod(Object proxy, String name, Object[] args, String label) {
        return switch (name) {
            case "toString" -> label;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(name + " is not faked: test it against the container");
        };
    }

    @Override
    public String toString() {
        return "FakeSocket[" + id + ", " + frames.size() + " frames" + (isClosed() ? ", closed " + closeCode : "") + "]";
    }
}
