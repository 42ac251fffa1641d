package dev.pulse.chat;

import dev.pulse.realtime.MalformedMessageException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A client frame of a room, one of:
 * <ul>
 * <li>a post: {@code {"body":"..."}} or the seed form's {@code {"message":"..."}} ({@code body}
 *     wins when both are there; {@code message} is taken raw and must be text);</li>
 * <li>a read mark: {@code {"read":57}}, the id of the newest message the user has seen (the read
 *     position only moves forward, and never past the room's newest message);</li>
 * <li>a typing indicator: {@code {"typing":true}} while typing, {@code {"typing":false}} to stop.</li>
 * </ul>
 * A post wins over the others in one frame. The maximum length is configured
 * ({@code ChatSettings.maxMessageLength}), so it is checked by {@link #text} rather than by a constraint.
 */
record RoomFrame(String body, JsonValue message, @PositiveOrZero(message = "read must be a message id") Long read, Boolean typing) {

    /** What a frame that is none of the above is told (and one whose {@code body} is no string). */
    static final String EXPECTED = "Expected {\"body\": \"<text>\"}";

    /** A frame with only the text (tests, and the shape the seed's client sends). */
    RoomFrame(String body, JsonValue message) {
        this(body, message, null, null);
    }

    @AssertTrue(message = "Expected \\{\"body\": \"<text>\"\\}")
    boolean isKnown() {
        return isPost() || read != null || typing != null;
    }

    @AssertFalse(message = "Message is empty")
    boolean isEmpty() {
        String text = stripped();
        return text != null && text.isEmpty();
    }

    /** A message to store and broadcast. */
    boolean isPost() {
        return body != null || message instanceof JsonString;
    }

    /** The posted text, stripped; refused when longer than {@code maxLength} code points. */
    String text(int maxLength) throws MalformedMessageException {
        String text = stripped();
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new MalformedMessageException("Message is longer than " + maxLength + " characters");
        }
        return text;
    }

    private String stripped() {
        if (body != null) {
            return body.strip();
        }
        return message instanceof JsonString text ? text.getString().strip() : null;
    }
}
