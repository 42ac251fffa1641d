package dev.pulse.realtime.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * {@link RealtimeMetrics} on MicroProfile Metrics (Payara Micro), in the application registry. A
 * bean only where that API exists: {@code WEB-INF/beans.xml} excludes it otherwise. The registry is
 * injected, not looked up: Payara's producer reads the injection point.
 */
@ApplicationScoped
@Typed(MicroProfileMetrics.class)
public class MicroProfileMetrics implements RealtimeMetrics {

    @Inject
    MetricRegistry registry;

    @Override
    public Counter counter(String name, String description) {
        org.eclipse.microprofile.metrics.Counter counter = registry.counter(metadata(name, description));
        return counter::inc;
    }

    @Override
    public void gauge(String name, String description, LongSupplier value) {
        registry.gauge(metadata(name, description), value, LongSupplier::getAsLong);
    }

    private static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    @Override
    public String toString() {
        return "MicroProfile Metrics";
    }
}
