package dev.pulse.chat;

import dev.pulse.chat.ChatEvents.MessageView;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import dev.pulse.realtime.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one socket in a room: join (live subscription, then replay, then presence),
 * posting, and leaving. The endpoint only decodes and authorizes.
 */
@ApplicationScoped
public class RoomSessions {

    private static final Logger LOG = Logger.getLogger(RoomSessions.class.getName());
    private static final String ROOM = RoomSessions.class.getName() + ".room";
    private static final String AUTHOR = RoomSessions.class.getName() + ".author";
    private static final String READ_MARK = RoomSessions.class.getName() + ".read";
    static final String NOT_STORED = "Message not stored, try again";

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @Inject
    ChatMessages messages;

    @Inject
    ChatPosting posting;

    @Inject
    PresenceTracker presence;

    @Inject
    ChatSettings settings;

    @Inject
    RateLimiter limiter;

    @Inject
    RoomList list;

    @Inject
    TypingIndicators typing;

    private RateLimiter.Limit postLimit() {
        return new RateLimiter.Limit("chat-post", settings.postLimit(), settings.postWindowSeconds() * 1000L);
    }

    /**
     * Subscribes before reading the backlog, holding live frames meanwhile, so nothing published
     * during the read is lost; the held frames the backlog already contains are dropped by offset
     * (a message's offset is its id, see {@link ChatPosting#post}).
     */
    public void join(Connection connection, RoomAccess room, OptionalLong after) {
        connection.hold();
        hub.join(ChatPosting.group(room.room()), connection);
        try {
            replay(connection, room, after);
        } catch (RuntimeException e) {
            // A held connection that is never released would stay silent forever: close it, the client retries.
            LOG.log(Level.WARNING, "join of " + connection + " to room " + room.room() + " failed", e);
            hub.leave(ChatPosting.group(room.room()), connection);
            connection.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "Try again later");
            return;
        }
        connection.attributes().put(ROOM, room);
        presence.join(room.room(), connection.user()).ifPresent(count -> connection.send(codec.encode(count)));
    }

    private void replay(Connection connection, RoomAccess room, OptionalLong after) {
        // A replay larger than the send queue would push its own oldest frames out: keep it inside.
        int replayCapacity = Math.max(1, connection.capacity() - 8);
        int resumeLimit = Math.min(settings.resumeLimit(), replayCapacity);
        int historySize = Math.min(settings.historySize(), replayCapacity);
        List<String> backlog = new ArrayList<>();
        long last;
        if (after.isPresent()) {
            last = after.getAsLong();
            List<MessageView> missed = messages.after(room.roomId(), last, resumeLimit + 1);
            if (missed.size() > resumeLimit) {
                missed = messages.newestAfter(room.roomId(), last, resumeLimit);
                backlog.add(codec.encode(new ChatEvents.Gap(last, missed.get(0).id())));
            }
            for (MessageView message : missed) {
                backlog.add(codec.encode(new ChatEvents.Message(message)));
                last = message.id();
            }
        } else {
            History history = history(room.roomId(), historySize);
            backlog.addAll(history.frames());
            last = history.lastId();
        }
        connection.release(backlog, last);
    }

    /** A room's latest messages as encoded frames, oldest first, and the newest id among them (0: none). */
    private record History(long lastId, int size, List<String> frames) {
    }

    /** Per room id: the history last read, reused while the room's newest message id is unchanged. */
    private final Map<Long, History> histories = new ConcurrentHashMap<>();

    /*
     * Joins in a busy room mostly see the same history: asking the database only for the newest id
     * (an index lookup) and reusing the encoded frames while it is unchanged spares a read of
     * historySize rows and their encoding per join. The database stays the source of truth.
     */
    private History history(long roomId, int size) {
        long newest = messages.newestId(roomId);
        History known = histories.get(roomId);
        if (known != null && known.lastId() == newest && known.size() == size) {
            return known;
        }
        List<String> frames = new ArrayList<>();
        long last = 0;
        for (MessageView message : messages.latest(roomId, size)) {
            frames.add(codec.encode(new ChatEvents.Message(message)));
            last = message.id();
        }
        History read = new History(last, size, List.copyOf(frames));
        if (histories.size() > 10_000) {
            histories.clear();
        }
        histories.put(roomId, read);
        return read;
    }

    /**
     * A post is validated, stored, then broadcast; a read mark moves the user's read position (the
     * room lists of that user hear of it); a typing frame goes to the room, throttled. A bad frame
     * gets an error to its sender only.
     */
    public void receive(Connection connection, RoomFrame frame) {
        RoomAccess room = (RoomAccess) connection.attributes().get(ROOM);
        if (room == null) {
            return;
        }
        if (frame.isPost()) {
            post(connection, room, frame);
        } else if (frame.read() != null) {
            read(connection, room, frame.read());
        } else if (frame.typing() != null) {
            typing.typing(room.room(), connection.user(), frame.typing());
        }
    }

    private void read(Connection connection, RoomAccess room, long lastReadId) {
        // A position never moves back: a read at or below this socket's last one is a no-op, answered
        // here rather than by two database reads (a client repeating its read costs nothing).
        Long marked = (Long) connection.attributes().get(READ_MARK);
        if (marked != null && lastReadId <= marked) {
            return;
        }
        try {
            list.markRead(connection.user(), room, lastReadId);
            connection.attributes().put(READ_MARK, lastReadId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "read mark in room " + room.room() + " by " + connection.user() + " failed", e);
            connection.send(codec.encode(new ChatEvents.Error("Read position not stored, try again")));
        }
    }

    private void post(Connection connection, RoomAccess room, RoomFrame frame) {
        try {
            String body = frame.text(settings.maxMessageLength());
            // Per user, across rooms and instances: one client cannot flood rooms and the database.
            RateLimiter.Verdict admission = limiter.admit(postLimit(), connection.user());
            if (!admission.admitted()) {
                connection.send(codec.encode(new ChatEvents.Error("Too many messages, retry in " + admission.retryAfterSeconds() + " s")));
                return;
            }
            // Resolved on the socket's first post only: most sockets in a room never post.
            ChatMessages.Member author = (ChatMessages.Member) connection.attributes()
                    .computeIfAbsent(AUTHOR, k -> messages.member(connection.user()).orElse(null));
            if (author == null) {
                throw new IllegalStateException("no account " + connection.user());
            }
            posting.post(room, author, body);
            typing.posted(room.room(), connection.user());
        } catch (MalformedMessageException e) {
            connection.send(codec.encode(new ChatEvents.Error(e.getMessage())));
        } catch (RuntimeException e) {
            // Storing failed (database down, lock timeout): nothing was broadcast. Say so, so the
            // sender can retry, instead of a silent loss; the socket stays open.
            LOG.log(Level.WARNING, "posting to room " + room.room() + " by " + connection.user() + " failed", e);
            connection.send(codec.encode(new ChatEvents.Error(NOT_STORED)));
        }
    }

    public void leave(Connection connection) {
        RoomAccess room = (RoomAccess) connection.attributes().remove(ROOM);
        if (room != null) {
            presence.leave(room.room(), connection.user());
        }
    }
}
