package dev.pulse.chat;

import dev.pulse.realtime.Channel;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The {@code /ws/room-list/} channel: a logged-in user's rooms, live. First frame
 * {@link ChatEvents.Rooms} (every room the user may use, with online and unread counts and read
 * positions), then {@code room_created}, {@code activity}, {@code read}, {@code online_count}
 * (with {@code room}) and {@code user_online} / {@code user_offline} ({@link OnlineUsers}) as they
 * happen (shapes in {@link ChatEvents}). Anonymous sockets are closed
 * 1008 "Authentication required". The socket takes no frames: any is answered with an error frame.
 *
 * <p>Joining subscribes first and holds what arrives while the list is read, so no event between
 * the read and the subscription is lost; an event the list already counted is recognised by the
 * client ({@code message_id} not above the room's {@code last_message_id}).
 */
@ApplicationScoped
public class RoomListChannel implements Channel<String> {

    static final String TAKES_NO_FRAMES = "The room list takes no frames";

    @Inject
    RoomList list;

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @Inject
    OnlineUsers online;

    private static final String JOINED = RoomListChannel.class.getName() + ".joined";

    @Override
    public Optional<Refusal> join(Connection connection, Joining joining) {
        if (connection.user() == null) {
            return Optional.of(Refusal.policy("Authentication required"));
        }
        connection.hold();
        hub.join(RoomList.PUBLIC_GROUP, connection);
        hub.join(RoomList.userGroup(connection.user()), connection);
        // A failure here closes the socket 1011 (ChannelSockets): a held socket is never left silent.
        String rooms = codec.encode(new ChatEvents.Rooms(list.summaries(connection.user())));
        connection.release(List.of(rooms), Connection.NO_OFFSET);
        online.arrived(connection.user());
        connection.attributes().put(JOINED, Boolean.TRUE);
        return Optional.empty();
    }

    @Override
    public void leave(Connection connection) {
        if (connection.attributes().remove(JOINED) != null) {
            online.left(connection.user());
        }
    }

    @Override
    public void handle(Connection connection, String frame) {
        connection.send(codec.encode(new ChatEvents.Error(TAKES_NO_FRAMES)));
    }

    @Override
    public String error(Connection connection, MalformedMessageException problem) {
        return codec.encode(new ChatEvents.Error(problem.getMessage()));
    }
}
