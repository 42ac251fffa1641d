package dev.pulse.market;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioValuationTest {

    private static final Instant T = Instant.parse("2026-01-15T09:00:00Z");

    @Test
    void valuesPositionsAtCurrentPricesAgainstTheDaysReference() {
        Asset apple = new Asset("AAPL", "Apple", "STOCK", new BigDecimal("100"), T);
        apple.reprice(new BigDecimal("110"), 1, T.plusSeconds(1));
        Asset tesla = new Asset("TSLA", "Tesla", "STOCK", new BigDecimal("200"), T);
        tesla.reprice(new BigDecimal("190"), 1, T.plusSeconds(1));
        Portfolio growth = new Portfolio("Growth Portfolio", "ann");
        PortfolioValue value = PortfolioValuation.value(growth, List.of(
                new Position(growth, apple, new BigDecimal("10"), new BigDecimal("90")),
                new Position(growth, tesla, new BigDecimal("2.5"), new BigDecimal("180"))));
        // 10*110 + 2.5*190 = 1575; change 10*10 - 2.5*10 = 75; reference 1500 -> 5%
        assertEquals("Growth Portfolio", value.name());
        assertEquals(1575.00, value.totalValue());
        assertEquals(75.00, value.dailyChange());
        assertEquals(5.00, value.dailyChangePercent());
    }

    @Test
    void anEmptyPortfolioIsWorthNothingAndDoesNotDivideByZero() {
        PortfolioValue value = PortfolioValuation.value(new Portfolio("Empty", "ann"), List.of());
        assertEquals(0.0, value.totalValue());
        assertEquals(0.0, value.dailyChangePercent());
    }
}
