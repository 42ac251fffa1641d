package dev.pulse.realtime.cluster;

import com.hazelcast.topic.ITopic;
import java.util.UUID;
import java.util.function.Consumer;

/** A {@link SharedTopic} over a Hazelcast {@code ITopic} of the same name. */
final class HazelcastSharedTopic<M> implements SharedTopic<M> {

    private final ITopic<M> topic;

    HazelcastSharedTopic(ITopic<M> topic) {
        this.topic = topic;
    }

    @Override
    public void publish(M message) {
        HazelcastSharedMap.run(() -> topic.publish(message));
    }

    @Override
    public UUID addListener(Consumer<M> listener) {
        return HazelcastSharedMap.call(() -> topic.addMessageListener(message -> listener.accept(message.getMessageObject())));
    }

    @Override
    public boolean removeListener(UUID registration) {
        return HazelcastSharedMap.call(() -> topic.removeMessageListener(registration));
    }
}
