package dev.pulse.chat;

import dev.pulse.realtime.MalformedMessageException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads and validates the body of a client frame: {@code {"body":"..."}} or the seed form's {@code {"message":"..."}}. */
final class MessageBody {

    private MessageBody() {
    }

    static String of(JsonObject frame, int maxLength) throws MalformedMessageException {
        JsonValue value = frame.containsKey("body") ? frame.get("body") : frame.get("message");
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            throw new MalformedMessageException("Expected {\"body\": \"<text>\"}");
        }
        String body = ((JsonString) value).getString().strip();
        if (body.isEmpty()) {
            throw new MalformedMessageException("Message is empty");
        }
        if (body.codePointCount(0, body.length()) > maxLength) {
            throw new MalformedMessageException("Message is longer than " + maxLength + " characters");
        }
        return body;
    }
}
