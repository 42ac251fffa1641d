package dev.pulse.echo;

import dev.pulse.realtime.Channel;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;

/** Seed 002: {@code {"message":"Hello Django"}} is answered {@code You said: Hello Django}; errors are {@link EchoError}s. */
@ApplicationScoped
public class EchoChannel implements Channel<EchoChannel.Frame> {

    /** What a frame without a text {@code message} is told. */
    static final String EXPECTED = "Expected {\"message\": \"<text>\"}";

    /** A client frame. */
    record Frame(@NotNull(message = "Expected \\{\"message\": \"<text>\"\\}") String message) {
    }

    @Inject
    JsonCodec codec;

    @Override
    public void handle(Connection connection, Frame frame) {
        connection.send("You said: " + frame.message());
    }

    @Override
    public String error(Connection connection, MalformedMessageException problem) {
        String text = problem.kind() == MalformedMessageException.Kind.WRONG_TYPE ? EXPECTED : problem.getMessage();
        return codec.encode(new EchoError(text));
    }
}
