package dev.pulse.realtime;

/**
 * A client frame or body that is not what the endpoint's protocol accepts; the message says why,
 * for the client. The {@link Kind} lets an endpoint map the refusal to its own dialect.
 */
public class MalformedMessageException extends Exception {

    /** Why the text was refused. */
    public enum Kind {
        /** Empty or blank text. */
        EMPTY,
        /** Not JSON, or more than one JSON value. */
        SYNTAX,
        /** Longer than the configured size limit. */
        TOO_LARGE,
        /** Nested deeper than the configured depth limit. */
        TOO_DEEP,
        /** A string that is not valid Unicode (lone surrogate) or holds a character nothing can store (NUL). */
        INVALID_TEXT,
        /** Valid JSON of the wrong shape for this endpoint. */
        INVALID_SHAPE,
        /** A required field is absent or JSON null ({@code @NotNull} on a frame record). */
        MISSING,
        /** A field of the wrong JSON type for its record component (a number where text goes). */
        WRONG_TYPE,
        /** A field that breaks a frame record's other constraints. */
        INVALID_VALUE
    }

    private final Kind kind;
    private final String property;

    public MalformedMessageException(String message) {
        this(Kind.INVALID_SHAPE, message);
    }

    public MalformedMessageException(Kind kind, String message) {
        this(kind, null, message);
    }

    /** A refusal of one field, {@code property} as the client names it ({@code data.symbol}). */
    public MalformedMessageException(Kind kind, String property, String message) {
        // No stack trace: this is the client's mistake, reported to the client, never logged as ours.
        super(message, null, false, false);
        this.kind = kind;
        this.property = property;
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = Kind.SYNTAX;
        this.property = null;
    }

    public Kind kind() {
        return kind;
    }

    /** The refused field's JSON name, dotted below the top level; null when the whole frame is refused. */
    public String property() {
        return property;
    }
}
