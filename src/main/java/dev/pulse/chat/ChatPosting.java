package dev.pulse.chat;

import dev.pulse.chat.ChatEvents.MessageView;
import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Posts a message: stored and committed first, then broadcast to the room on every instance, and
 * announced to the room lists that show the room ({@link RoomList#posted}).
 */
@ApplicationScoped
public class ChatPosting {

    private static final Logger LOG = Logger.getLogger(ChatPosting.class.getName());

    @Inject
    ChatMessages messages;

    @Inject
    RoomLock lock;

    @Inject
    Hub hub;

    @Inject
    RoomList list;

    /**
     * The hub group of a room's sockets. Each kind of chat group has its own prefix ending in a
     * dot, which room names cannot contain: a room named {@code user_bob} or {@code rooms} can never
     * be the group of someone's room list ({@link RoomList}).
     */
    public static String group(String room) {
        return "chat.room." + room;
    }

    public MessageView post(RoomAccess room, ChatMessages.Member author, String body) {
        return lock.inOrder(room.room(), () -> {
            // ChatMessages.store is its own transaction: it has committed when it returns.
            MessageView stored = messages.store(room, author, body);
            // The id is the frame's offset: a joining socket's release drops it if its backlog had it.
            hub.broadcast(group(room.room()), new ChatEvents.Message(stored), stored.id());
            // Still under the lock: the room lists see a room's messages in id order too. The
            // message is stored and sent by now, so a failure here must not be told as "not stored".
            try {
                list.posted(room, stored);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "room lists not told of message " + stored.id() + " in " + room.room(), e);
            }
            return stored;
        });
    }
}
