package dev.pulse.market.live;

import java.util.List;

/** GET /realtime/status/ (seed 001 shape). */
public record RealtimeStats(String serviceStatus, Global globalStats, User userStats) {

    public record Global(int totalConnections, int authenticatedUsers, int portfolioSubscriptions,
                         int assetSubscriptions) {
    }

    public record User(int connectionCount, Subscribed subscriptions) {
    }

    public record Subscribed(List<Long> portfolios, List<String> assets) {
    }
}
