package dev.pulse.chat;

import dev.pulse.realtime.Channel;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code /ws/rooms/{room}/[?after=<id>]} channel: anonymous sockets, unknown rooms and private
 * rooms of others are refused with 1008; a member joins ({@link RoomSessions#join}) and sends
 * {@link RoomFrame} frames (posts, read marks, typing); errors are {@link ChatEvents.Error} frames.
 */
@ApplicationScoped
public class RoomChannel implements Channel<RoomFrame> {

    @Inject
    ChatRooms rooms;

    @Inject
    RoomSessions sessions;

    @Inject
    JsonCodec codec;

    @Override
    public Optional<Refusal> join(Connection connection, Joining joining) {
        if (connection.user() == null) {
            return Optional.of(Refusal.policy("Authentication required"));
        }
        OptionalLong after;
        try {
            after = after(joining.query("after"));
        } catch (NumberFormatException e) {
            return Optional.of(Refusal.policy("after must be a message id"));
        }
        RoomAccess access = rooms.access(joining.path("room"), connection.user());
        return switch (access.verdict()) {
            case UNKNOWN_ROOM -> Optional.of(Refusal.policy("Unknown room"));
            case NOT_A_MEMBER -> Optional.of(Refusal.policy("Not a member of this room"));
            case GRANTED -> {
                sessions.join(connection, access, after);
                yield Optional.empty();
            }
        };
    }

    @Override
    public void handle(Connection connection, RoomFrame message) {
        sessions.receive(connection, message);
    }

    @Override
    public String error(Connection connection, MalformedMessageException problem) {
        String text = problem.kind() != MalformedMessageException.Kind.WRONG_TYPE ? problem.getMessage()
                : "read".equals(problem.property()) ? "read must be a message id"
                : "typing".equals(problem.property()) ? "typing must be true or false"
                : RoomFrame.EXPECTED;
        return codec.encode(new ChatEvents.Error(text));
    }

    @Override
    public void leave(Connection connection) {
        sessions.leave(connection);
    }

    private static OptionalLong after(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        long after = Long.parseLong(value.trim());
        if (after < 0) {
            throw new NumberFormatException("negative");
        }
        return OptionalLong.of(after);
    }
}
