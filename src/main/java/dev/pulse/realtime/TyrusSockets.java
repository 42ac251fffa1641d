package dev.pulse.realtime;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that knows the insides of Payara's WebSocket stack (Tyrus 2.1 on the servlet
 * container, on Grizzly); everything else speaks {@code jakarta.websocket}. On any other container,
 * or if a field moved, each piece falls back to the standard API (logged once).
 *
 * <p>Three adjustments, each made once per socket when it opens:
 * <ul>
 * <li><b>No idle timer per frame.</b> Tyrus 2.1.5 restarts a session's idle-timeout task on every
 * sent and received frame, on the container's managed scheduler, whose context capture scans the
 * class path (eclipse-ee4j/tyrus#787, fixed only in later Tyrus lines): 70 % of all CPU under fan-out.
 * The session's scheduler is replaced by one that schedules nothing; the core enforces
 * {@code WEBSOCKET_TIMEOUT} with one sweep instead ({@link Hub}).</li>
 * <li><b>Sends without the remote endpoint.</b> Frames go straight to the session's
 * {@code TyrusWebSocket.sendText(String, SendHandler)}, skipping the per-send timer restart,
 * its lock and its task allocation.</li>
 * <li><b>Real back-pressure.</b> Tyrus reports a frame as sent once the servlet output stream took
 * it, and Grizzly's async write queue takes frames until several MB are pending (at about 8 KB of
 * heap per small frame). The Grizzly connection's write queue limit is set to
 * {@code pulse.ws.container-queue-bytes}: past it the output stream is not ready, Tyrus holds the
 * next frame without completing it, and further frames wait in the socket's own bounded
 * {@link Outbox}, where conflation and the overflow policy apply. Frames are also written without
 * the 8 KB buffer Grizzly would allocate for each one.</li>
 * </ul>
 */
final class TyrusSockets {

    private static final Logger LOG = Logger.getLogger(TyrusSockets.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private TyrusSockets() {
    }

    /** Sends text frames for one socket; {@code handler} is told when the container took the frame. */
    static BiConsumer<String, SendHandler> sender(Session session) {
        try {
            Object webSocket = field(session.getAsyncRemote(), "webSocket");
            MethodHandle send = MethodHandles.publicLookup()
                    .findVirtual(webSocket.getClass(), "sendText", MethodType.methodType(void.class, String.class, SendHandler.class))
                    .bindTo(webSocket);
            return (text, handler) -> {
                try {
                    send.invokeExact(text, handler);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            fallback("direct sends", e);
            return session.getAsyncRemote()::sendText;
        }
    }

    /**
     * Gives the WebSocket container a scheduler that schedules nothing, so sessions never schedule
     * their idle timer at all (a session takes it from the container when it is created; Tyrus uses
     * it for nothing else on the server side). Called once, when the application starts.
     */
    static void disableContainerTimers(Object serverContainer) {
        try {
            declared(serverContainer.getClass(), "managedScheduledExecutorService").set(serverContainer, NoTimers.INSTANCE);
        } catch (ReflectiveOperationException | RuntimeException e) {
            fallback("the container's scheduler", e);
        }
    }

    /** Stops the container's own idle timer for this session (the core's sweep replaces it). */
    static void disableContainerIdleTimer(Session session) {
        try {
            Field service = declared(session.getClass(), "service");
            service.set(session, NoTimers.INSTANCE);
            session.setMaxIdleTimeout(0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            fallback("the container idle timer", e);
        }
    }

    /**
     * Tunes Grizzly's writes for this socket: caps the bytes it may have pending in the connection's
     * async write queue ({@code queueBytes}; 0 or less leaves the container default), and makes
     * every frame take Grizzly's copy-free path (written from Tyrus's own array, copied to its exact
     * size only if it must wait in the queue) instead of an 8 KB buffer allocated per frame.
     */
    static void tuneContainerWrites(Session session, int queueBytes, int socketSendBufferBytes) {
        try {
            Object webConnection = webConnection(session);
            if (queueBytes > 0 || socketSendBufferBytes > 0) {
                Object connection = grizzlyConnection(webConnection);
                if (queueBytes > 0) {
                    connection.getClass().getMethod("setMaxAsyncWriteQueueSize", int.class).invoke(connection, queueBytes);
                }
                if (socketSendBufferBytes > 0
                        && connection.getClass().getMethod("getChannel").invoke(connection) instanceof NetworkChannel channel) {
                    // A fixed size also turns off the kernel's growth of this buffer (up to 4 MB per socket on Linux).
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, socketSendBufferBytes);
                }
            }
            Object coyoteResponse = field(field(webConnection, "response"), "coyoteResponse");
            Object outputBuffer = coyoteResponse.getClass().getMethod("getOutputBuffer").invoke(coyoteResponse);
            // Frames longer than this skip the buffer; every WebSocket frame is at least 2 bytes.
            declared(outputBuffer.getClass(), "bufferSize").setInt(outputBuffer, 1);
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            fallback("the container write tuning", e);
        }
    }

    /** Closes the socket's TCP connection at once, whatever is still waiting to be written. */
    static void abortTransport(Session session) {
        try {
            Object connection = grizzlyConnection(webConnection(session));
            connection.getClass().getMethod("closeSilently").invoke(connection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            fallback("aborting a stalled connection", e);
        }
    }

    /**
     * The TCP connection under the socket (Grizzly's), kept by its sink to ask {@link #transportOpen}
     * later; null where the container is not Tyrus on Grizzly (then the session's state is all there is).
     */
    static Object transport(Session session) {
        try {
            return grizzlyConnection(webConnection(session));
        } catch (ReflectiveOperationException | RuntimeException e) {
            fallback("the transport's open state", e);
            return null;
        }
    }

    /**
     * Whether the TCP connection is still open. Payara 6 now and then loses the close of a socket
     * whose peer left while a frame was being written (docs/known-issues.md): Tyrus then never
     * learns of it and its session stays "open", but Grizzly has closed the connection.
     */
    static boolean transportOpen(Object transport) {
        if (transport == null) {
            return true;
        }
        try {
            return (Boolean) IS_OPEN.get(transport.getClass()).invoke(transport);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    private static final ClassValue<java.lang.reflect.Method> IS_OPEN = new ClassValue<>() {
        @Override
        protected java.lang.reflect.Method computeValue(Class<?> type) {
            try {
                return type.getMethod("isOpen");
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    /** The servlet container's connection behind the socket: Tyrus's writer -> upgrade handler -> WebConnection. */
    private static Object webConnection(Session session) throws ReflectiveOperationException {
        Object webSocket = field(session.getAsyncRemote(), "webSocket");
        Object writer = field(field(webSocket, "protocolHandler"), "writer");
        Object upgradeHandler = field(writer, "tyrusHttpUpgradeHandler");
        // Payara hands Tyrus a proxy that holds the initialised handler.
        Object webConnection = declared(upgradeHandler.getClass(), "wc").get(upgradeHandler) != null
                ? field(upgradeHandler, "wc") : field(field(upgradeHandler, "handler"), "wc");
        // Issue 9's frame guard hands Tyrus a wrapper around the container's own connection.
        return webConnection instanceof GuardedUpgrade.ScannedConnection scanned ? scanned.original() : webConnection;
    }

    /** Grizzly's TCP connection under a WebConnection (through the upgrade request). */
    private static Object grizzlyConnection(Object webConnection) throws ReflectiveOperationException {
        Object request = field(webConnection, "request");
        Object coyoteRequest = request.getClass().getMethod("getCoyoteRequest").invoke(request);
        return coyoteRequest.getClass().getMethod("getConnection").invoke(coyoteRequest);
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Object value = declared(target.getClass(), name).get(target);
        if (value == null) {
            throw new NoSuchFieldException(name + " is not set on " + target.getClass().getName());
        }
        return value;
    }

    private static Field declared(Class<?> type, String name) throws NoSuchFieldException {
        Field field = FIELDS.get(type).get(name);
        if (field == null) {
            throw new NoSuchFieldException(name + " in " + type.getName());
        }
        return field;
    }

    /** Every field of a class and its superclasses by name (the nearest wins), looked up once per class. */
    private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            Map<String, Field> fields = new HashMap<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!fields.containsKey(field.getName())) {
                        try {
                            field.setAccessible(true);
                            fields.put(field.getName(), field);
                        } catch (RuntimeException inaccessible) {
                            // a module that does not open it: not one we need
                        }
                    }
                }
            }
            return Map.copyOf(fields);
        }
    };

    private static void fallback(String what, Exception cause) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "WebSocket container is not Tyrus 2.1 on Grizzly as expected; using the standard API for "
                    + what + " (and possibly others)", cause);
        }
    }

    /** A scheduler that never runs anything: Tyrus only uses it for idle timeouts and heartbeats, which Pulse does not use. */
    private static final class NoTimers implements ScheduledExecutorService {
        static final NoTimers INSTANCE = new NoTimers();

        private static final ScheduledFuture<Object> NEVER = new ScheduledFuture<>() {
            @Override
            public long getDelay(TimeUnit unit) {
                return Long.MAX_VALUE;
            }

            @Override
            public int compareTo(Delayed other) {
                return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                return false;
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public Object get() throws InterruptedException, ExecutionException {
                throw new ExecutionException(new UnsupportedOperationException("never scheduled"));
            }

            @Override
            public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException {
                return get();
            }
        };

        @SuppressWarnings("unchecked")
        private static <V> ScheduledFuture<V> never() {
            return (ScheduledFuture<V>) NEVER;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return never();
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return never();
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return never();
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return never();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            throw new UnsupportedOperationException("no timers here");
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            throw new UnsupportedOperationException("no timers here");
        }

        @Override
        public Future<?> submit(Runnable task) {
            throw new UnsupportedOperationException("no timers here");
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
            throw new UnsupportedOperationException("no timers here");
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("no timers here");
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
            throw new UnsupportedOperationException("no timers here");
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("no timers here");
        }

        @Override
        public void execute(Runnable command) {
            throw new UnsupportedOperationException("no timers here");
        }
    }
}
