package dev.pulse.realtime.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Chooses the metrics API once, at first use, from what the server offers to the application:
 * MicroProfile Metrics (Payara Micro), else Micrometer (WildFly with its micrometer subsystem),
 * else none (meters are then counted nowhere, and that is logged). Each adapter is a bean only where
 * its API exists ({@code WEB-INF/beans.xml}, {@code if-class-not-available}), so neither server
 * ever loads the other's API.
 */
@ApplicationScoped
public class MetricsProducer {

    private static final Logger LOG = Logger.getLogger(MetricsProducer.class.getName());

    @Inject
    Instance<MicroProfileMetrics> microProfile;

    @Inject
    Instance<MicrometerMetrics> micrometer;

    @Produces
    @ApplicationScoped
    RealtimeMetrics realtimeMetrics() {
        RealtimeMetrics chosen = microProfile.isResolvable() ? microProfile.get()
                : micrometer.isResolvable() ? micrometer.get() : new NoMetrics();
        LOG.info(() -> "Metrics: " + chosen);
        return chosen;
    }

    /** No metrics API on this server: counts go nowhere. */
    static final class NoMetrics implements RealtimeMetrics {

        @Override
        public Counter counter(String name, String description) {
            return () -> {
            };
        }

        @Override
        public void gauge(String name, String description, LongSupplier value) {
            // nothing scrapes it
        }

        @Override
        public String toString() {
            return "none (the server offers neither MicroProfile Metrics nor Micrometer)";
        }
    }
}
