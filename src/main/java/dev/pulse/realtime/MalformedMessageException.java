package dev.pulse.realtime;

/** A client frame that is not what the endpoint's protocol accepts; the message says why, for the client. */
public class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
