package dev.pulse.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of every socket, in one place, whatever its {@link Channel}: opened through the
 * {@link Hub} (which binds it to its HTTP session), joined or refused, each text frame decoded
 * ({@link FrameDecoder}) and handled or answered with the channel's error frame while the socket
 * stays open, left and forgotten on close. A {@code @ServerEndpoint} is four one-line methods
 * calling {@link #open}, {@link #message}, {@link #close} and {@link #error}.
 */
@ApplicationScoped
public class ChannelSockets {

    private static final Logger LOG = Logger.getLogger(ChannelSockets.class.getName());

    @Inject
    Hub hub;

    @Inject
    FrameDecoder decoder;

    /** Per channel class: {@link Channel#frames()}, resolved once (the default reflects over generics). */
    private final Map<Class<?>, Class<?>> frameTypes = new ConcurrentHashMap<>();

    /** For CDI. */
    protected ChannelSockets() {
    }

    /** Without a container (tests). */
    public ChannelSockets(Hub hub, FrameDecoder decoder) {
        this.hub = hub;
        this.decoder = decoder;
    }

    /** {@code @OnOpen} of an endpoint without path parameters. */
    public void open(Session session, Channel<?> channel) {
        open(session, channel, Map.of());
    }

    /** {@code @OnOpen}: registers the socket and joins it, or closes it with the refusal's code. */
    public void open(Session session, Channel<?> channel, Map<String, String> path) {
        Connection connection = hub.open(session);
        connection.onLeave(() -> channel.leave(connection));
        Optional<Channel.Refusal> refusal;
        try {
            // Resolved here, not on the first frame: a channel that names no frame type fails at once.
            frames(channel);
            refusal = channel.join(connection, new Channel.Joining(session, path));
        } catch (RuntimeException e) {
            // The database or the cluster is down: a socket not set up would stay silent. Close it; the client retries.
            LOG.warning(() -> channel.name() + " socket " + connection + " not set up: " + e);
            connection.close(CloseCodes.UNEXPECTED_CONDITION.getCode(), "Try again later");
            return;
        }
        refusal.ifPresent(refused -> connection.close(refused.code(), refused.reason()));
    }

    /** {@code @OnMessage}: decodes the frame and hands it to the channel; a refused frame gets the channel's error frame. */
    public <M> void message(Session session, Channel<M> channel, String text) {
        Connection connection = Hub.connectionOf(session);
        if (connection.isClosed()) {
            // A refused socket's frames, arriving before its close: dropped quietly.
            return;
        }
        try {
            channel.handle(connection, decoder.decode(text, frames(channel)));
        } catch (MalformedMessageException e) {
            reply(connection, channel.error(connection, e));
        } catch (RuntimeException e) {
            // Our fault, not the client's: say so in the channel's dialect, keep the socket, leave a trace.
            LOG.log(Level.WARNING, channel.name() + " frame failed on " + connection, e);
            reply(connection, channel.failed(connection));
        }
    }

    private static void reply(Connection connection, String frame) {
        if (frame != null) {
            connection.send(frame);
        }
    }

    @SuppressWarnings("unchecked")
    private <M> Class<M> frames(Channel<M> channel) {
        return (Class<M>) frameTypes.computeIfAbsent(channel.getClass(), type -> channel.frames());
    }

    /** {@code @OnClose}: the channel's leave, then the hub forgets the socket. */
    public void close(Session session, Channel<?> channel) {
        try {
            // Once: the hub's sweep may have run it already for a close the container reported late.
            Hub.connectionOf(session).leave();
        } catch (IllegalStateException neverOpened) {
            // the socket failed before the hub registered it: nothing to leave
        }
        hub.close(session);
    }

    /** {@code @OnError}: the container closes the socket; worth a FINE line only (peers vanish all the time). */
    public void error(Session session, Channel<?> channel, Throwable failure) {
        LOG.log(Level.FINE, channel.name() + " socket " + session.getId() + " failed", failure);
    }
}
