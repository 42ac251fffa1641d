package dev.pulse.realtime.cluster;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A {@link SharedTopic} within this instance: listeners run on the publishing thread. */
final class LocalSharedTopic<M> implements SharedTopic<M> {

    private static final Logger LOG = Logger.getLogger(LocalSharedTopic.class.getName());

    private final String name;
    private final Map<UUID, Consumer<M>> listeners = new ConcurrentHashMap<>();

    LocalSharedTopic(String name) {
        this.name = name;
    }

    @Override
    public void publish(M message) {
        for (Consumer<M> listener : listeners.values()) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                // As on Hazelcast: one listener's failure is logged and reaches neither the publisher nor the others.
                LOG.log(Level.WARNING, "a listener of topic " + name + " failed", e);
            }
        }
    }

    @Override
    public UUID addListener(Consumer<M> listener) {
        UUID registration = UUID.randomUUID();
        listeners.put(registration, listener);
        return registration;
    }

    @Override
    public boolean removeListener(UUID registration) {
        return listeners.remove(registration) != null;
    }
}
