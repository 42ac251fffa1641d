package dev.pulse.chat;

import dev.pulse.realtime.MalformedMessageException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;

/**
 * A client frame of a room: {@code {"body":"..."}} or the seed form's {@code {"message":"..."}}
 * ({@code body} wins when both are there; {@code message} is taken raw and must be text). The
 * maximum length is configured ({@code ChatSettings.maxMessageLength}), so it is checked by
 * {@link #text} rather than by a constraint.
 */
record MessageBody(String body, JsonValue message) {

    /** What a frame without text is told (and one whose {@code body} is no string). */
    static final String EXPECTED = "Expected {\"body\": \"<text>\"}";

    @AssertTrue(message = "Expected \\{\"body\": \"<text>\"\\}")
    boolean isText() {
        return body != null || message instanceof JsonString;
    }

    @AssertFalse(message = "Message is empty")
    boolean isEmpty() {
        String text = stripped();
        return text != null && text.isEmpty();
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
