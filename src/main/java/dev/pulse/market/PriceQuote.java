package dev.pulse.market;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The latest price of an asset as clients see it: seed 001's {@code asset_update} data. */
public record PriceQuote(String symbol, double price, double change, double changePercent, long volume,
                         double high, double low) {

    public static PriceQuote of(Asset asset) {
        return new PriceQuote(asset.symbol(), money(asset.currentPrice()), money(asset.change()),
                asset.changePercent().doubleValue(), asset.volume(), money(asset.dayHigh()), money(asset.dayLow()));
    }

    private static double money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
