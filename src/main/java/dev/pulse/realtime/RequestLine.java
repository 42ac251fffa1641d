package dev.pulse.realtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks a request's raw path and query string before anything parses them: every {@code %}
 * starts a two-digit hex escape, escapes decode to valid UTF-8 with no NUL or other control
 * character, and no raw byte outside printable ASCII is present. A request that fails is refused
 * with 400 up front; otherwise the container would fail later, halfway through an upgrade (a dead
 * socket) or with a stack trace.
 */
public final class RequestLine {

    private RequestLine() {
    }

    /** Why the raw path or query cannot be used, or empty when both are sound. */
    public static Optional<String> problem(String rawPath, String rawQuery) {
        Optional<String> path = partProblem("path", rawPath);
        if (path.isPresent()) {
            return path;
        }
        if (rawPath != null) {
            try {
                // What the WebSocket engine does with it (URI.create): '<', '"', '{'... would fail there, with a 500.
                new URI(rawPath);
            } catch (URISyntaxException e) {
                return Optional.of("Malformed path: character not allowed at index " + e.getIndex());
            }
        }
        return partProblem("query string", rawQuery);
    }

    private static Optional<String> partProblem(String part, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.of("Malformed " + part + ": raw character at index " + i + " must be percent-encoded");
            }
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.of("Malformed " + part + ": incomplete escape at index " + i);
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.of("Malformed " + part + ": invalid escape at index " + i);
                }
                int b = high << 4 | low;
                if (b < 0x20 || b == 0x7f) {
                    return Optional.of("Malformed " + part + ": control character %" + raw.substring(i + 1, i + 3) + " not allowed");
                }
                bytes.put((byte) b);
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
        } catch (CharacterCodingException e) {
            return Optional.of("Malformed " + part + ": escapes are not valid UTF-8");
        }
        return Optional.empty();
    }
}
