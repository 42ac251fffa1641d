package dev.pulse.realtime.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * {@link RealtimeMetrics} on Micrometer (WildFly's micrometer subsystem). Meter names are the same
 * Prometheus names as on Payara; Micrometer's Prometheus naming keeps them (a counter's
 * {@code _total} is not doubled). Meters are made with {@code counter(name, tags)} and
 * {@code gauge(name, tags, ...)}: the registry WildFly hands an application forwards only those to
 * its Prometheus registry, not meters built with {@code Counter.builder}. A bean only where that API
 * exists: {@code WEB-INF/beans.xml} excludes it otherwise.
 */
@ApplicationScoped
@Typed(MicrometerMetrics.class)
public class MicrometerMetrics implements RealtimeMetrics {

    @Inject
    MeterRegistry registry;
    /** Micrometer holds a gauge's object weakly: these keep the suppliers alive. */
    private final List<LongSupplier> gauges = new CopyOnWriteArrayList<>();

    @Override
    public Counter counter(String name, String description) {
        io.micrometer.core.instrument.Counter counter = registry.counter(name, Tags.empty());
        return counter::increment;
    }

    @Override
    public void gauge(String name, String description, LongSupplier value) {
        gauges.add(value);
        registry.gauge(name, Tags.empty(), value, LongSupplier::getAsLong);
    }

    @Override
    public String toString() {
        return "Micrometer";
    }
}
