package dev.pulse.realtime.cluster;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * A named publish/subscribe channel of the {@link ClusterState}. On Hazelcast (an {@code ITopic})
 * every member's listeners get each message, the publisher's included, on Hazelcast's event
 * threads; locally they get it on the publishing thread before {@link #publish} returns. A
 * listener's exception is logged and does not reach the publisher.
 *
 * @param <M> the message type: a type Hazelcast serializes natively (e.g. {@code String[]})
 */
public interface SharedTopic<M> {

    void publish(M message);

    /** Registers {@code listener}; the id removes it again. */
    UUID addListener(Consumer<M> listener);

    /** Removes a listener; false when it was not registered. */
    boolean removeListener(UUID registration);
}
