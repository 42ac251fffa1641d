package dev.pulse.market.live;

/** Hub group names of the market feature. */
public final class MarketGroups {

    private MarketGroups() {
    }

    public static String asset(String symbol) {
        return "market.asset." + symbol;
    }

    public static String portfolio(long id) {
        return "market.portfolio." + id;
    }
}
