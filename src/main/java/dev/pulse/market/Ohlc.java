package dev.pulse.market;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An OHLC bar as a value: {@link #start} opens one, {@link #add} folds in a trade. Candles of the
 * feed (persisted) and of the tick simulator (streamed) are built by the same rules.
 */
public record Ohlc(Instant openTime, int intervalSeconds, BigDecimal open, BigDecimal high, BigDecimal low,
                   BigDecimal close, long volume) {

    /** The start of the interval {@code at} falls in, aligned to the epoch. */
    public static Instant bucket(Instant at, int intervalSeconds) {
        long seconds = at.getEpochSecond();
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, intervalSeconds));
    }

    public static Ohlc start(Instant at, int intervalSeconds, BigDecimal price, long volume) {
        return new Ohlc(bucket(at, intervalSeconds), intervalSeconds, price, price, price, price, volume);
    }

    public boolean covers(Instant at) {
        return !at.isBefore(openTime) && at.isBefore(openTime.plusSeconds(intervalSeconds));
    }

    /** This bar with one more trade, or a new bar when the trade falls in a later interval. */
    public Ohlc add(Instant at, BigDecimal price, long tradedVolume) {
        if (!covers(at)) {
            return start(at, intervalSeconds, price, tradedVolume);
        }
        return new Ohlc(openTime, intervalSeconds, open, high.max(price), low.min(price), price, volume + tradedVolume);
    }
}
