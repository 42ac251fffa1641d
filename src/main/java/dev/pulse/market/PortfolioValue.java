package dev.pulse.market;

/** A portfolio's value: seed 001's {@code portfolio_update} data, and the totals of {@code /api/portfolios}. */
public record PortfolioValue(Long portfolioId, String name, double totalValue, double dailyChange,
                             double dailyChangePercent) {
}
