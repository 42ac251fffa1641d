package dev.pulse.realtime.metrics;

import java.util.function.LongSupplier;

/**
 * Where the realtime core reports its counters and gauges, whichever metrics API the server has:
 * MicroProfile Metrics on Payara Micro ({@code /metrics?scope=application} on the HTTP port),
 * Micrometer on WildFly (Prometheus form at {@code /metrics} on the management port). Chosen once by
 * {@link MetricsProducer}. Names are Prometheus names ({@code pulse_ws_connections}); counters end in
 * {@code _total}.
 */
public interface RealtimeMetrics {

    /** A monotonic count; {@link #increment()} is safe from any thread and never blocks. */
    @FunctionalInterface
    interface Counter {
        void increment();
    }

    /** The counter of this name, created on first use. */
    Counter counter(String name, String description);

    /** A gauge read from {@code value} whenever metrics are scraped. */
    void gauge(String name, String description, LongSupplier value);
}
