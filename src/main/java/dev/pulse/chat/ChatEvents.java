package dev.pulse.chat;

import dev.pulse.realtime.Timestamps;
import java.time.Instant;

/** The frames the room socket sends; JSON-B writes them in the seed's snake_case. */
public final class ChatEvents {

    public static final String MESSAGE = "message";

    private ChatEvents() {
    }

    /** {@code {"id":1,"room":"lobby","author":"alice","body":"hi","created":"2026-...Z"}} */
    public record MessageView(long id, String room, String author, String body, String created) {

        static MessageView of(ChatMessage message) {
            return new MessageView(message.id(), message.room().name(), message.author().username(), message.body(),
                    iso(message.createdAt()));
        }

        private static String iso(Instant instant) {
            return Timestamps.iso(instant);
        }
    }

    /** {@code {"event":"message","message":{...}}} */
    public record Message(String event, MessageView message) {
        public Message(MessageView message) {
            this(MESSAGE, message);
        }
    }

    /** {@code {"event":"online_count","online_count":2}} */
    public record OnlineCount(String event, int onlineCount) {
        public OnlineCount(int onlineCount) {
            this("online_count", onlineCount);
        }
    }

    /** {@code {"event":"error","message":"..."}}, to the sender only. */
    public record Error(String event, String message) {
        public Error(String message) {
            this("error", message);
        }
    }

    /**
     * {@code {"event":"gap","after":10,"next":250}}: a resume missed more than the resume limit;
     * messages with {@code after < id < next} are not replayed.
     */
    public record Gap(String event, long after, long next) {
        public Gap(long after, long next) {
            this("gap", after, next);
        }
    }
}
