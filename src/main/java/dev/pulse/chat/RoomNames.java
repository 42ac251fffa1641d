package dev.pulse.chat;

import java.util.regex.Pattern;

/**
 * The rules for names of rooms users create: {@code min..max} characters of {@code A-Z a-z 0-9 _ -},
 * starting with a letter or a digit (safe in the socket path {@code /ws/rooms/{room}/}, in URLs and
 * in logs without escaping), and not starting with {@code private-} (the prefix of private rooms,
 * whose names are derived from their members). Uniqueness ignoring case is the database's
 * ({@code chat_room.name_key}).
 */
record RoomNames(int minLength, int maxLength) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    static RoomNames of(ChatSettings settings) {
        return new RoomNames(settings.roomNameMinLength(), settings.roomNameMaxLength());
    }

    /** The name as it will be stored (surrounding spaces removed), or the rule it breaks. */
    String check(String name) throws InvalidRoomName {
        if (name == null || name.isBlank()) {
            throw new InvalidRoomName("Expected {\"name\": \"<room name>\"}");
        }
        String trimmed = name.strip();
        if (trimmed.length() < minLength || trimmed.length() > maxLength) {
            throw new InvalidRoomName("Room names have " + minLength + " to " + maxLength + " characters");
        }
        if (!ALLOWED.matcher(trimmed).matches()) {
            throw new InvalidRoomName("Room names use letters, digits, '-' and '_', and start with a letter or digit");
        }
        if (ChatRoom.key(trimmed).startsWith(ChatRooms.PRIVATE_PREFIX)) {
            throw new InvalidRoomName("Room names starting with '" + ChatRooms.PRIVATE_PREFIX + "' are reserved");
        }
        return trimmed;
    }

    /** A name that breaks a rule; the message says which, for the API's 400. */
    static final class InvalidRoomName extends Exception {
        InvalidRoomName(String message) {
            super(message, null, false, false);
        }
    }
}
