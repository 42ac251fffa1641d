package dev.pulse.account;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.FixedReplyChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Tells a client which user its socket runs as ({@code {"username":"..."}}), or refuses it with
 * 1008 when the handshake carried no logged-in session. Any client frame, not decoded, is
 * answered, in its dialect, with why nothing happens.
 */
@ApplicationScoped
public class WhoAmIChannel extends FixedReplyChannel {

    static final String NO_MESSAGES = "{\"error\": \"This socket only tells who you are; it takes no messages\"}";

    public record Identity(String username) {
    }

    @Inject
    JsonCodec codec;

    public WhoAmIChannel() {
        super(NO_MESSAGES);
    }

    @Override
    public Optional<Refusal> join(Connection connection, Joining joining) {
        if (connection.user() == null) {
            return Optional.of(Refusal.policy("Authentication required"));
        }
        connection.send(codec.encode(new Identity(connection.user())));
        return Optional.empty();
    }
}
