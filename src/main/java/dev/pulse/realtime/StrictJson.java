package dev.pulse.realtime;

import dev.pulse.realtime.MalformedMessageException.Kind;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one JSON decoder for client input (frames and request bodies). Bounded and strict:
 * <ul>
 * <li>at most {@code maxBytes} of UTF-8, checked before any parsing;</li>
 * <li>at most {@code maxDepth} nested arrays/objects, counted while streaming (no recursion, so a
 *     deeply nested frame costs no stack);</li>
 * <li>the whole text is exactly one JSON value: trailing text is refused;</li>
 * <li>every string and key is valid Unicode (no lone UTF-16 surrogate, which a legal {@code \ud83d}
 *     escape can produce and no UTF-8 encoder can send or PostgreSQL store) and holds no NUL
 *     (PostgreSQL text cannot store it).</li>
 * </ul>
 * Errors are {@link MalformedMessageException}s whose {@link Kind} each endpoint maps to its dialect.
 */
public final class StrictJson {

    /** Looked up once: {@code Json.createParser} and friends look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final int DEFAULT_MAX_BYTES = 65536;
    public static final int DEFAULT_MAX_DEPTH = 32;

    private final int maxBytes;
    private final int maxDepth;

    public StrictJson(int maxBytes, int maxDepth) {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxBytes + ", " + maxDepth);
        }
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    public int maxBytes() {
        return maxBytes;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Parses text that must be exactly one JSON object. */
    public jakarta.json.JsonObject readObject(String text) throws MalformedMessageException {
        JsonValue value = read(text);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedMessageException(Kind.INVALID_SHAPE,
                    "Expected a JSON object, got " + value.getValueType().name().toLowerCase());
        }
        return value.asJsonObject();
    }

    /** Parses text that must be exactly one JSON value. */
    public JsonValue read(String text) throws MalformedMessageException {
        if (text == null || text.isBlank()) {
            throw new MalformedMessageException(Kind.EMPTY, "Empty message: expected a JSON object");
        }
        requireSize(text);
        Deque<Object> open = new ArrayDeque<>();
        Deque<String> keys = new ArrayDeque<>();
        JsonValue result = null;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                if (result != null) {
                    // hasNext() is true only when text follows the first complete value.
                    throw new MalformedMessageException(Kind.SYNTAX, "Malformed JSON: unexpected text after the JSON value");
                }
                JsonParser.Event event = parser.next();
                JsonValue done = null;
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (open.size() >= maxDepth) {
                            throw new MalformedMessageException(Kind.TOO_DEEP,
                                    "Malformed JSON: nested deeper than " + maxDepth + " levels");
                        }
                        open.push(event == JsonParser.Event.START_OBJECT ? JSON.createObjectBuilder() : JSON.createArrayBuilder());
                    }
                    case KEY_NAME -> keys.push(checked(parser.getString()));
                    case VALUE_STRING -> done = JSON.createValue(checked(parser.getString()));
                    case VALUE_NUMBER -> done = JSON.createValue(parser.getBigDecimal());
                    case VALUE_TRUE -> done = JsonValue.TRUE;
                    case VALUE_FALSE -> done = JsonValue.FALSE;
                    case VALUE_NULL -> done = JsonValue.NULL;
                    case END_OBJECT -> done = ((JsonObjectBuilder) open.pop()).build();
                    case END_ARRAY -> done = ((JsonArrayBuilder) open.pop()).build();
                    default -> throw new MalformedMessageException(Kind.SYNTAX, "Malformed JSON: unexpected " + event);
                }
                if (done != null) {
                    if (open.isEmpty()) {
                        result = done;
                    } else if (open.peek() instanceof JsonObjectBuilder object) {
                        object.add(keys.pop(), done);
                    } else {
                        ((JsonArrayBuilder) open.peek()).add(done);
                    }
                }
            }
        } catch (JsonParsingException e) {
            if (result != null) {
                throw new MalformedMessageException(Kind.SYNTAX, "Malformed JSON: unexpected text after the JSON value");
            }
            throw new MalformedMessageException("Malformed JSON: " + e.getMessage(), e);
        } catch (JsonException | NumberFormatException | ArithmeticException e) {
            throw new MalformedMessageException("Malformed JSON: " + rootMessage(e), e);
        }
        if (result == null) {
            throw new MalformedMessageException(Kind.SYNTAX, "Malformed JSON: incomplete value");
        }
        return result;
    }

    private void requireSize(String text) throws MalformedMessageException {
        // A char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars): count only when it could matter.
        if ((long) text.length() * 3 > maxBytes && utf8Length(text) > maxBytes) {
            throw new MalformedMessageException(Kind.TOO_LARGE, "Message is larger than " + maxBytes + " bytes");
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The string if it is storable, valid Unicode; else the refusal naming the offending character. */
    static String checked(String value) throws MalformedMessageException {
        int bad = firstInvalid(value);
        if (bad >= 0) {
            char c = value.charAt(bad);
            throw new MalformedMessageException(Kind.INVALID_TEXT, c == 0
                    ? "Invalid text: NUL (\\u0000) is not allowed"
                    : String.format("Invalid text: lone surrogate \\u%04x is not valid Unicode", (int) c));
        }
        return value;
    }

    /** Index of the first NUL or lone surrogate, or -1. */
    public static int firstInvalid(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** True when the text holds no lone surrogate: a UTF-8 encoder can send it as it is. */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /** The text with every lone surrogate replaced by U+FFFD, as a UTF-8 encoder that must not fail would do. */
    public static String wellFormed(String text) {
        if (isWellFormed(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
