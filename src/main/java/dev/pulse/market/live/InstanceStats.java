package dev.pulse.market.live;

import java.util.List;

/** One instance's /ws/realtime/ figures, as it publishes them to the cluster. */
public record InstanceStats(int connections, int portfolioSubscriptions, int assetSubscriptions, List<String> users) {

    public static final InstanceStats NONE = new InstanceStats(0, 0, 0, List.of());
}
