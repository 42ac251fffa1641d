package dev.pulse.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OhlcTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

    @Test
    void bucketsAlignToTheEpoch() {
        assertEquals(T0, Ohlc.bucket(T0.plusSeconds(59), 60));
        assertEquals(T0.plusSeconds(60), Ohlc.bucket(T0.plusSeconds(60), 60));
        assertEquals(Instant.parse("2026-01-15T00:00:00Z"), Ohlc.bucket(T0, 86_400));
    }

    @Test
    void tradesInOneIntervalFoldIntoOneBar() {
        Ohlc bar = Ohlc.start(T0.plusSeconds(1), 60, new BigDecimal("100"), 5)
                .add(T0.plusSeconds(10), new BigDecimal("104"), 1)
                .add(T0.plusSeconds(20), new BigDecimal("97"), 2)
                .add(T0.plusSeconds(59), new BigDecimal("101"), 3);
        assertEquals(T0, bar.openTime());
        assertEquals(new BigDecimal("100"), bar.open());
        assertEquals(new BigDecimal("104"), bar.high());
        assertEquals(new BigDecimal("97"), bar.low());
        assertEquals(new BigDecimal("101"), bar.close());
        assertEquals(11, bar.volume());
    }

    @Test
    void aTradeInTheNextIntervalOpensANewBar() {
        Ohlc first = Ohlc.start(T0, 60, new BigDecimal("100"), 1).add(T0.plusSeconds(30), new BigDecimal("120"), 1);
        Ohlc next = first.add(T0.plusSeconds(60), new BigDecimal("90"), 4);
        assertTrue(first.covers(T0.plusSeconds(59)));
        assertFalse(first.covers(T0.plusSeconds(60)));
        assertEquals(T0.plusSeconds(60), next.openTime());
        assertEquals(new BigDecimal("90"), next.open());
        assertEquals(new BigDecimal("90"), next.high());
        assertEquals(new BigDecimal("90"), next.low());
        assertEquals(4, next.volume());
    }
}
