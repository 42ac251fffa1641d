package dev.pulse.market;

import java.math.BigDecimal;

/**
 * Where next prices come from: the feed's sources, and the tick simulator's paths (which is why it
 * lives in the market domain rather than in {@code .feed}). Implementations are thread-safe.
 */
public interface PriceSource {

    /** A price and the volume traded at it. */
    record Trade(BigDecimal price, long volume) {
    }

    /** Short name recorded with each price point ({@code simulated}, {@code csv}). */
    String name();

    /** The next trade of {@code symbol}, whose last price was {@code current}. */
    Trade next(String symbol, BigDecimal current);
}
