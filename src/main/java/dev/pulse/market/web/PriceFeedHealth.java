package dev.pulse.market.web;

import dev.pulse.market.feed.FeedState;
import dev.pulse.market.feed.PriceFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * MP Health check {@code price-feed}: down when this instance leads the feed but its last cycle
 * failed or is more than three intervals old (a stopped feed or a follower is not a fault).
 */
@Readiness
@ApplicationScoped
public class PriceFeedHealth implements HealthCheck {

    @Inject
    PriceFeed feed;

    @Override
    public HealthCheckResponse call() {
        FeedState state = feed.state();
        Instant last = feed.lastCycle();
        boolean stale = feed.leading() && last != null
                && Duration.between(last, Instant.now()).toMillis() > Math.max(3 * state.intervalMs(), 10_000);
        boolean failing = feed.leading() && feed.lastError() != null;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("price-feed")
                .status(!stale && !failing)
                .withData("price_feed_running", state.running())
                .withData("leader", feed.leading())
                .withData("interval_ms", state.intervalMs())
                .withData("batch_size", state.batchSize())
                .withData("cycles", feed.cycles());
        if (last != null) {
            response.withData("last_cycle", last.toString());
        }
        if (feed.lastError() != null) {
            response.withData("last_error", feed.lastError());
        }
        return response.build();
    }
}
