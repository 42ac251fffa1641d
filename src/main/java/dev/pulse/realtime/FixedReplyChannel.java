package dev.pulse.realtime;

/**
 * A channel whose clients only listen: every client frame, not decoded, is answered with one
 * fixed frame (why nothing happens, or an acknowledgement). Subclasses say who may join.
 */
public abstract class FixedReplyChannel implements Channel<String> {

    private final String reply;

    protected FixedReplyChannel(String reply) {
        this.reply = reply;
    }

    @Override
    public void handle(Connection connection, String text) {
        connection.send(reply);
    }

    /** Never called: frames are not decoded. */
    @Override
    public String error(Connection connection, MalformedMessageException problem) {
        return reply;
    }
}
