package dev.pulse.market.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The price feed's configuration (seed 001 names where the seed has one). */
@ApplicationScoped
public class FeedSettings {

    /** Seconds between feed cycles; fractions allowed (0.2 = 200 ms). */
    @Inject
    @ConfigProperty(name = "REALTIME_UPDATE_INTERVAL", defaultValue = "30")
    double intervalSeconds;

    /** When positive, overrides REALTIME_UPDATE_INTERVAL in milliseconds. */
    @Inject
    @ConfigProperty(name = "pulse.feed.interval-ms", defaultValue = "0")
    long intervalMillisOverride;

    @Inject
    @ConfigProperty(name = "REALTIME_BATCH_SIZE", defaultValue = "50")
    int batchSize;

    @Inject
    @ConfigProperty(name = "pulse.feed.autostart", defaultValue = "true")
    boolean autostart;

    @Inject
    @ConfigProperty(name = "pulse.feed.verbose", defaultValue = "false")
    boolean verbose;

    @Inject
    @ConfigProperty(name = "pulse.feed.source", defaultValue = "simulated")
    String source;

    @Inject
    @ConfigProperty(name = "pulse.feed.seed")
    Optional<Long> seed;

    @Inject
    @ConfigProperty(name = "pulse.feed.drift", defaultValue = "0")
    double drift;

    @Inject
    @ConfigProperty(name = "pulse.feed.volatility", defaultValue = "0.004")
    double volatility;

    @Inject
    @ConfigProperty(name = "pulse.feed.csv")
    Optional<String> csvPath;

    @Inject
    @ConfigProperty(name = "pulse.feed.candle-seconds", defaultValue = "60")
    int candleSeconds;

    @Inject
    @ConfigProperty(name = "pulse.feed.lease-seconds", defaultValue = "10")
    long leaseSeconds;

    public long intervalMillis() {
        return intervalMillisOverride > 0 ? intervalMillisOverride : Math.max(1, Math.round(intervalSeconds * 1000));
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean autostart() {
        return autostart;
    }

    public boolean verbose() {
        return verbose;
    }

    public String source() {
        return source;
    }

    public Optional<Long> seed() {
        return seed;
    }

    public double drift() {
        return drift;
    }

    public double volatility() {
        return volatility;
    }

    public Optional<String> csvPath() {
        return csvPath;
    }

    public int candleSeconds() {
        return candleSeconds;
    }

    public long leaseSeconds() {
        return leaseSeconds;
    }
}
