package dev.pulse.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeometricBrownianMotionTest {

    private static List<BigDecimal> path(PriceSource source, String symbol, int steps) {
        List<BigDecimal> prices = new ArrayList<>();
        BigDecimal price = new BigDecimal("100");
        for (int i = 0; i < steps; i++) {
            price = source.next(symbol, price).price();
            prices.add(price);
        }
        return prices;
    }

    @Test
    void theSameSeedGivesTheSamePath() {
        assertEquals(path(new GeometricBrownianMotion(42, 0, 0.01), "AAPL", 100),
                path(new GeometricBrownianMotion(42, 0, 0.01), "AAPL", 100));
    }

    @Test
    void anotherSeedGivesAnotherPath() {
        assertNotEquals(path(new GeometricBrownianMotion(42, 0, 0.01), "AAPL", 20),
                path(new GeometricBrownianMotion(43, 0, 0.01), "AAPL", 20));
    }

    @Test
    void aSymbolsPathDoesNotDependOnOtherSymbols() {
        GeometricBrownianMotion alone = new GeometricBrownianMotion(7, 0, 0.01);
        GeometricBrownianMotion interleaved = new GeometricBrownianMotion(7, 0, 0.01);
        List<BigDecimal> expected = path(alone, "MSFT", 10);
        List<BigDecimal> actual = new ArrayList<>();
        BigDecimal price = new BigDecimal("100");
        for (int i = 0; i < 10; i++) {
            interleaved.next("TSLA", new BigDecimal("200"));
            price = interleaved.next("MSFT", price).price();
            actual.add(price);
        }
        assertEquals(expected, actual);
    }

    @Test
    void pricesStayPositiveAndVolumesInRange() {
        GeometricBrownianMotion source = new GeometricBrownianMotion(1, 0, 0.5);
        BigDecimal price = new BigDecimal("1");
        for (int i = 0; i < 2_000; i++) {
            PriceSource.Trade trade = source.next("X", price);
            assertTrue(trade.price().signum() > 0, "price " + trade.price());
            assertTrue(trade.volume() >= 100 && trade.volume() < 10_000, "volume " + trade.volume());
            price = trade.price();
        }
    }

    @Test
    void withoutVolatilityThePriceFollowsTheDrift() {
        GeometricBrownianMotion source = new GeometricBrownianMotion(1, Math.log(1.01), 0);
        BigDecimal next = source.next("X", new BigDecimal("100")).price();
        assertEquals(0, new BigDecimal("101").compareTo(next.setScale(6, java.math.RoundingMode.HALF_UP)), next.toString());
    }

    @Test
    void logReturnsHaveTheConfiguredSpread() {
        double sigma = 0.02;
        GeometricBrownianMotion source = new GeometricBrownianMotion(99, 0, sigma);
        int n = 20_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.log(source.next("X", BigDecimal.ONE).price().doubleValue());
            sum += r;
            sumSquares += r * r;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSquares / n - mean * mean);
        assertEquals(sigma, sd, sigma * 0.05);
        assertEquals(-sigma * sigma / 2, mean, 4 * sigma / Math.sqrt(n));
    }

    @Test
    void negativeVolatilityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GeometricBrownianMotion(1, 0, -0.1));
    }
}
