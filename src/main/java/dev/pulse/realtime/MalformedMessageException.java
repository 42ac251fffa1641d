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
        INVALID_SHAPE
    }

    private final Kind kind;

    public MalformedMessageException(String message) {
        this(Kind.INVALID_SHAPE, message);
    }

    public MalformedMessageException(Kind kind, String message) {
        // No stack trace: this is the client's mistake, reported to the client, never logged as ours.
        super(message, null, false, false);
        this.kind = kind;
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = Kind.SYNTAX;
    }

    public Kind kind() {
        return kind;
    }
}
