package dev.pulse.notification;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.FixedReplyChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The group every {@code /ws/test/} socket is in, as {@code TestConsumer} joins it in seed 004,
 * and its channel: any frame, not decoded, is acknowledged.
 */
@ApplicationScoped
public class TestConsumerGroup extends FixedReplyChannel {

    public static final String NAME = "test_consumer_group";

    /** Byte for byte what the seed's {@code json.dumps({'status': 'Data received!'})} sends. */
    static final String RECEIVED = "{\"status\": \"Data received!\"}";

    @Inject
    Hub hub;

    public TestConsumerGroup() {
        super(RECEIVED);
    }

    @Override
    public Optional<Refusal> join(Connection connection, Joining joining) {
        hub.join(NAME, connection);
        return Optional.empty();
    }
}
