package dev.pulse.market.feed;

import java.math.BigDecimal;

/** Where the feed's next prices come from. Implementations are thread-safe. */
public interface PriceSource {

    /** A price and the volume traded at it. */
    record Trade(BigDecimal price, long volume) {
    }

    /** Short name recorded with each price point ({@code simulated}, {@code csv}). */
    String name();

    /** The next trade of {@code symbol}, whose last price was {@code current}. */
    Trade next(String symbol, BigDecimal current);
}
