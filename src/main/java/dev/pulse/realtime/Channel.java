package dev.pulse.realtime;

import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A socket protocol, as a Phoenix channel or a Centrifuge channel: a socket joins (or is refused
 * with a close code), each client frame is decoded into {@link #frames()} and handled, and the
 * socket leaves. {@link ChannelSockets} runs every channel the same way; a {@code @ServerEndpoint}
 * only delegates to it.
 *
 * @param <M> what a client frame decodes into: a record (bound and validated by
 *            {@link FrameDecoder}), {@code JsonObject} (strictly parsed only) or {@code String}
 *            (the raw text, not decoded)
 */
public interface Channel<M> {

    /** The type client frames decode into: by default the implementing class's {@code M}. */
    @SuppressWarnings("unchecked")
    default Class<M> frames() {
        // Up the hierarchy: a container's proxy subclasses the channel.
        for (Class<?> type = getClass(); type != null; type = type.getSuperclass()) {
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType channel && channel.getRawType() == Channel.class
                        && channel.getActualTypeArguments()[0] instanceof Class<?> frames) {
                    return (Class<M>) frames;
                }
            }
        }
        throw new IllegalStateException(getClass() + " names no frame type: override frames()");
    }

    /**
     * Admits a socket just opened through the hub (by default), or refuses it: the socket is then
     * closed with the refusal's code and reason. A RuntimeException closes it 1011 "Try again later".
     */
    default Optional<Refusal> join(Connection connection, Joining joining) {
        return Optional.empty();
    }

    /**
     * One decoded client frame of a socket still open. A {@link MalformedMessageException} thrown
     * here (a second decoding stage, a check that needs configuration) is answered as a decoding error.
     */
    void handle(Connection connection, M message) throws MalformedMessageException;

    /** This channel's error frame for a client frame it refuses; null sends nothing. The socket stays open. */
    String error(Connection connection, MalformedMessageException problem);

    /**
     * This channel's frame for a client frame the server failed to handle (a bug or an outage, not
     * the client's mistake; the core has logged it); null sends nothing. The socket stays open.
     */
    default String failed(Connection connection) {
        return null;
    }

    /** The socket closed, joined or not (it may have been refused or failed while joining). */
    default void leave(Connection connection) {
    }

    /** For logs: the channel class's simple name (without a container proxy's suffix). */
    default String name() {
        String simple = getClass().getSimpleName();
        int proxy = simple.indexOf('$');
        return proxy > 0 ? simple.substring(0, proxy) : simple;
    }

    /** Why a socket may not join: its close code and reason. */
    record Refusal(int code, String reason) {

        /** Refused by policy (1008): not allowed, and retrying will not help. */
        public static Refusal policy(String reason) {
            return new Refusal(CloseCodes.VIOLATED_POLICY.getCode(), reason);
        }
    }

    /** The handshake a socket joins with: its session, the endpoint's path parameters. */
    record Joining(Session session, Map<String, String> path) {

        /** A path parameter ({@code room} of {@code /ws/rooms/{room}/}); null if the endpoint has none such. */
        public String path(String name) {
            return path.get(name);
        }

        /** The first value of a query parameter; null when absent. */
        public String query(String name) {
            List<String> values = session.getRequestParameterMap().get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
