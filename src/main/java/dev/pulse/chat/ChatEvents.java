package dev.pulse.chat;

import dev.pulse.realtime.Timestamps;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/**
 * The frames the room socket ({@code /ws/rooms/{room}/}) and the room list socket
 * ({@code /ws/room-list/}) send; JSON-B writes them in the seed's snake_case.
 */
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

    /**
     * {@code {"event":"typing","room":"lobby","user":"alice","typing":true,"expires_in_ms":6000}}, to
     * the room: {@code user} is typing (or stopped); a client hides it after {@code expires_in_ms}
     * without a refresh, or when a message of {@code user} arrives. Never stored.
     */
    public record Typing(String event, String room, String user, boolean typing, long expiresInMs) {
        public Typing(String room, String user, boolean typing, long expiresInMs) {
            this("typing", room, user, typing, expiresInMs);
        }
    }

    /**
     * A room as the room list shows it to one user: {@code {"name":"lobby","private":false,
     * "online_count":2,"unread_count":3,"last_message_id":57,"last_read_id":54}}; a private room also
     * has {@code "with":"bob"} (the other member). {@code unread_count} counts
     * other users' messages after {@code last_read_id}, up to {@code pulse.chat.unread-count-cap}.
     */
    public record RoomSummary(String name, @JsonbProperty("private") boolean isPrivate, String with, int onlineCount,
                              int unreadCount, long lastMessageId, long lastReadId) {
    }

    /** {@code {"event":"rooms","rooms":[RoomSummary...],"unread_total":5}}: the room list socket's first frame. */
    public record Rooms(String event, List<RoomSummary> rooms, int unreadTotal) {
        public Rooms(List<RoomSummary> rooms) {
            this("rooms", rooms, rooms.stream().mapToInt(RoomSummary::unreadCount).sum());
        }
    }

    /** {@code {"event":"room_created","room":RoomSummary}}: a public room to everyone, a private one to its members. */
    public record RoomCreated(String event, RoomSummary room) {
        public RoomCreated(RoomSummary room) {
            this("room_created", room);
        }
    }

    /**
     * {@code {"event":"activity","room":"lobby","message_id":58,"author":"bob"}}: a message was posted
     * (in id order per room). A list client counts it as unread when {@code author} is someone else
     * and {@code message_id} is above both its read position and the last id it knows for the room.
     */
    public record Activity(String event, String room, long messageId, String author) {
        public Activity(String room, long messageId, String author) {
            this("activity", room, messageId, author);
        }
    }

    /**
     * {@code {"event":"read","room":"lobby","last_read_id":58,"unread_count":0}}: the user's read
     * position moved (on any tab or device); the count is the server's, after the move.
     */
    public record Read(String event, String room, long lastReadId, int unreadCount) {
        public Read(String room, long lastReadId, int unreadCount) {
            this("read", room, lastReadId, unreadCount);
        }
    }

    /** {@code {"event":"online_count","room":"lobby","online_count":3}}: a room's count, on the room list. */
    public record RoomOnlineCount(String event, String room, int onlineCount) {
        public RoomOnlineCount(String room, int onlineCount) {
            this("online_count", room, onlineCount);
        }
    }

    /**
     * A user came or went, per user and not per tab: on a room socket
     * {@code {"event":"user_joined","user":"alice"}} / {@code {"event":"user_left","user":"alice"}}
     * (just before the room's {@code online_count}); on the room list {@code {"event":"user_online",...}} /
     * {@code {"event":"user_offline",...}} (anywhere in the app). After an instance dies a departure
     * may come twice: clients apply these as set operations.
     */
    public record PresenceChange(String event, String user) {
        static PresenceChange inRoom(String user, boolean present) {
            return new PresenceChange(present ? "user_joined" : "user_left", user);
        }

        static PresenceChange inApp(String user, boolean present) {
            return new PresenceChange(present ? "user_online" : "user_offline", user);
        }
    }

    /**
     * Who is online, for {@code GET /api/chat/online} and {@code GET /api/chat/rooms/{room}/online}:
     * {@code {"online_count":2,"users":["alice","bob"]}}, names sorted, at most
     * {@code pulse.chat.online-list-max} of them ({@code online_count} is the full number).
     */
    public record OnlineList(int onlineCount, List<String> users) {
    }
}
