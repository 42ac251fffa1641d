package dev.pulse.notification;

import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.SharedMap;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What keeps the anonymous burst trigger from being a broadcast amplifier: per client address a
 * token bucket ({@code pulse.notifications.burst-requests-per-minute}, bucket4j), and at most one
 * burst running per group in the whole cluster (a shared map entry, {@code token@until-epoch-ms},
 * that lives as long as the burst, with a TTL so a crashed instance does not hold it forever).
 */
@ApplicationScoped
public class BurstGate {

    static final String MAP = "pulse.notifications.bursts";
    /** Above this many addresses, the buckets that are full again are forgotten. */
    private static final int SWEEP_THRESHOLD = 10_000;

    @Inject
    ClusterState cluster;

    @Inject
    @ConfigProperty(name = "pulse.notifications.burst-requests-per-minute", defaultValue = "10")
    int requestsPerMinute;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Seconds until {@code address} may trigger again, 0 when this request is admitted (and counted). */
    public long admit(String address) {
        if (buckets.size() > SWEEP_THRESHOLD) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= requestsPerMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(address, a -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(Math.max(1, requestsPerMinute))
                        .refillGreedy(Math.max(1, requestsPerMinute), Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    /** Claims {@code group} for {@code durationMs}: a token to release it with, or empty while another burst runs. */
    public Optional<String> claim(String group, long durationMs) {
        String token = UUID.randomUUID().toString();
        long until = System.currentTimeMillis() + durationMs;
        // The TTL outlasts the burst a little: the last frame releases it explicitly.
        long ttl = durationMs + 5_000;
        String claim = token + "@" + until;
        return bursts().putIfAbsent(group, claim, Duration.ofMillis(ttl)) == null ? Optional.of(claim) : Optional.empty();
    }

    /** Seconds until the burst now running in {@code group} ends (at least 1). */
    public long secondsLeft(String group) {
        String holder = bursts().get(group);
        if (holder == null) {
            return 1;
        }
        long until = Long.parseLong(holder.substring(holder.indexOf('@') + 1));
        return Math.max(1, (until - System.currentTimeMillis() + 999) / 1000);
    }

    public void release(String group, String claim) {
        bursts().remove(group, claim);
    }

    private SharedMap<String> bursts() {
        return cluster.map(MAP);
    }
}
