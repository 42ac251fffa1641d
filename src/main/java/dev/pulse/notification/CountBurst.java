package dev.pulse.notification;

import dev.pulse.realtime.Hub;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seed 004's {@code home()} view: {@code {"count": 1}} .. {@code {"count": 9}} to
 * {@code test_consumer_group}, two seconds apart. The seed slept in the request thread;
 * here the payloads are scheduled and the request returns at once.
 */
@ApplicationScoped
public class CountBurst {

    /** What was scheduled, as reported to the caller. */
    public record Plan(String group, int count, long intervalMs) {
    }

    @Inject
    Hub hub;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "pulse.notifications.burst-count", defaultValue = "9")
    int defaultCount;

    @Inject
    @ConfigProperty(name = "pulse.notifications.burst-interval-ms", defaultValue = "2000")
    long defaultIntervalMs;

    @Inject
    @ConfigProperty(name = "pulse.notifications.burst-max-count", defaultValue = "100")
    int maxCount;

    @Inject
    @ConfigProperty(name = "pulse.notifications.burst-min-interval-ms", defaultValue = "10")
    long minIntervalMs;

    @Inject
    BurstGate gate;

    /** Another burst is running in the group; it ends within {@code retryAfterSeconds}. */
    public static class AlreadyRunning extends Exception {
        private final long retryAfterSeconds;

        AlreadyRunning(long retryAfterSeconds) {
            super("A burst is already running, retry in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Checks a burst's arguments; null arguments take the configured defaults. Nothing is sent yet. */
    public Plan plan(Integer count, Long intervalMs) {
        int n = count == null ? defaultCount : count;
        long interval = intervalMs == null ? defaultIntervalMs : intervalMs;
        if (n < 1 || n > maxCount) {
            throw new IllegalArgumentException("count must be between 1 and " + maxCount);
        }
        if (interval < minIntervalMs) {
            throw new IllegalArgumentException("interval_ms must be at least " + minIntervalMs);
        }
        return new Plan(TestConsumerGroup.NAME, n, interval);
    }

    /**
     * Claims the plan's group for the burst's duration: at most one burst runs per group in the
     * cluster. Answers the claim to {@link #run} (or {@link #release}) with.
     */
    public String claim(Plan plan) throws AlreadyRunning {
        return gate.claim(plan.group(), plan.count() * plan.intervalMs())
                .orElseThrow(() -> new AlreadyRunning(gate.secondsLeft(plan.group())));
    }

    /** Gives a claimed group back without running (the 202 could not be sent). */
    public void release(Plan plan, String claim) {
        gate.release(plan.group(), claim);
    }

    /**
     * Schedules a planned, claimed burst: {@code {"count": i}} one interval after another, the
     * first one interval from now. The resource calls this once its 202 has been sent, so the
     * answer always precedes the first payload. The group is released just before the last frame
     * goes out, so whoever has seen it may start the next burst.
     */
    public void run(Plan plan, String claim) {
        for (int i = 1; i <= plan.count(); i++) {
            String payload = "{\"count\": " + i + "}";
            boolean last = i == plan.count();
            scheduler.schedule(() -> {
                if (last) {
                    gate.release(plan.group(), claim);
                }
                hub.broadcastText(plan.group(), payload, null);
            }, i * plan.intervalMs(), TimeUnit.MILLISECONDS);
        }
    }
}
