package dev.pulse.market;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AssetTest {

    private static final Instant MORNING = Instant.parse("2026-01-15T09:00:00Z");

    @Test
    void repricingTracksTheDaysRangeVolumeAndChange() {
        Asset asset = new Asset("AAPL", "Apple", "STOCK", new BigDecimal("100"), MORNING);
        asset.reprice(new BigDecimal("103.456789"), 10, MORNING.plusSeconds(60));
        asset.reprice(new BigDecimal("98"), 5, MORNING.plusSeconds(120));
        assertEquals(new BigDecimal("98.0000"), asset.currentPrice());
        assertEquals(new BigDecimal("103.4568"), asset.dayHigh());
        assertEquals(new BigDecimal("98.0000"), asset.dayLow());
        assertEquals(15, asset.volume());
        assertEquals(new BigDecimal("-2.0000"), asset.change());
        assertEquals(new BigDecimal("-2.00"), asset.changePercent());
    }

    @Test
    void aNewUtcDayTakesYesterdaysLastPriceAsReference() {
        Asset asset = new Asset("AAPL", "Apple", "STOCK", new BigDecimal("100"), MORNING);
        asset.reprice(new BigDecimal("110"), 10, MORNING.plusSeconds(60));
        asset.reprice(new BigDecimal("121"), 3, Instant.parse("2026-01-16T00:00:01Z"));
        assertEquals(new BigDecimal("110.0000"), asset.previousClose());
        assertEquals(new BigDecimal("121.0000"), asset.dayHigh());
        assertEquals(new BigDecimal("121.0000"), asset.dayLow());
        assertEquals(3, asset.volume());
        assertEquals(new BigDecimal("10.00"), asset.changePercent());
    }

    @Test
    void theQuoteIsRoundedToCents() {
        Asset asset = new Asset("X", "X", "STOCK", new BigDecimal("3"), MORNING);
        asset.reprice(new BigDecimal("3.14159"), 7, MORNING.plusSeconds(1));
        PriceQuote quote = PriceQuote.of(asset);
        assertEquals(3.14, quote.price());
        assertEquals(0.14, quote.change());
        assertEquals(4.72, quote.changePercent());
        assertEquals(7, quote.volume());
    }
}
