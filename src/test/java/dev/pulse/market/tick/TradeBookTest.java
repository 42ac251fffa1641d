package dev.pulse.market.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeBookTest {

    private final TradeBook book = new TradeBook(new BigDecimal("10"), new BigDecimal("0.32"));

    @Test
    void aCallWinsWhenThePriceRoseOverItsDuration() {
        book.open("XYZ", TradeBook.Direction.CALL, 3, new BigDecimal("101.00"), 5);
        assertTrue(book.settle("XYZ", 7, new BigDecimal("150")).isEmpty(), "not expired before tick 8");
        List<TradeBook.Result> results = book.settle("XYZ", 8, new BigDecimal("101.01"));
        assertEquals(1, results.size());
        TradeBook.Result result = results.get(0);
        assertEquals("CALL", result.contract());
        assertEquals("Won", result.status());
        assertEquals(new BigDecimal("3.20"), result.profit());
        assertEquals(3, result.entryTick());
        assertEquals(8, result.exitTick());
        assertEquals(0, book.openCount());
    }

    @Test
    void aCallLosesTheStakeWhenThePriceFellOrStayed() {
        book.open("XYZ", TradeBook.Direction.CALL, 0, new BigDecimal("100"), 1);
        book.open("XYZ", TradeBook.Direction.CALL, 1, new BigDecimal("100"), 1);
        assertEquals("Lost", book.settle("XYZ", 1, new BigDecimal("99.99")).get(0).status());
        TradeBook.Result flat = book.settle("XYZ", 2, new BigDecimal("100")).get(0);
        assertEquals("Lost", flat.status());
        assertEquals(new BigDecimal("-10.00"), flat.profit());
    }

    @Test
    void aPutWinsWhenThePriceFell() {
        book.open("XYZ", TradeBook.Direction.PUT, 0, new BigDecimal("100"), 2);
        book.open("XYZ", TradeBook.Direction.PUT, 0, new BigDecimal("90"), 2);
        List<TradeBook.Result> results = book.settle("XYZ", 2, new BigDecimal("95"));
        assertEquals("Won", results.get(0).status());
        assertEquals("Lost", results.get(1).status());
        assertEquals("PUT", results.get(0).contract());
    }

    @Test
    void contractsSettleOnlyAgainstTheirOwnSymbol() {
        book.open("A", TradeBook.Direction.CALL, 0, new BigDecimal("1"), 1);
        assertTrue(book.settle("B", 5, new BigDecimal("2")).isEmpty());
        assertEquals(1, book.settle("A", 5, new BigDecimal("2")).size());
    }

    @Test
    void aContractNeedsADuration() {
        assertThrows(IllegalArgumentException.class,
                () -> book.open("A", TradeBook.Direction.CALL, 0, BigDecimal.ONE, 0));
    }
}
