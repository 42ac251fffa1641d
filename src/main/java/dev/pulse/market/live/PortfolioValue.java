package dev.pulse.market.live;

/** Seed 001's {@code portfolio_update} data. */
public record PortfolioValue(Long portfolioId, String name, double totalValue, double dailyChange,
                             double dailyChangePercent) {
}
