package dev.pulse.chat;

import dev.pulse.chat.ChatEvents.MessageView;
import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Posts a message: stored and committed first, then broadcast to the room on every instance. */
@ApplicationScoped
public class ChatPosting {

    @Inject
    ChatMessages messages;

    @Inject
    RoomLock lock;

    @Inject
    Hub hub;

    public static String group(String room) {
        return "chat_" + room;
    }

    public MessageView post(RoomAccess room, ChatMessages.Member author, String body) {
        return lock.inOrder(room.room(), () -> {
            // ChatMessages.store is its own transaction: it has committed when it returns.
            MessageView stored = messages.store(room, author, body);
            // The id is the frame's offset: a joining socket's release drops it if its backlog had it.
            hub.broadcast(group(room.room()), new ChatEvents.Message(stored), stored.id());
            return stored;
        });
    }
}
