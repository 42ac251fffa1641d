package dev.pulse.notification;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The group every {@code /ws/test/} socket is in, as {@code TestConsumer} joins it in seed 004. */
@ApplicationScoped
public class TestConsumerGroup {

    public static final String NAME = "test_consumer_group";

    /** Byte for byte what the seed's {@code json.dumps({'status': 'Data received!'})} sends. */
    static final String RECEIVED = "{\"status\": \"Data received!\"}";

    @Inject
    Hub hub;

    public void join(Connection connection) {
        hub.join(NAME, connection);
    }

    public void acknowledge(Connection connection) {
        connection.send(RECEIVED);
    }
}
