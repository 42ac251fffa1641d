package dev.pulse.market.feed;

import dev.pulse.market.PriceSource;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReplayTest {

    @Test
    void replaysEachSymbolInOrderAndLoops() throws Exception {
        CsvReplay replay = CsvReplay.parse(new StringReader("""
                symbol,price,volume
                # comment
                AAPL,150.10,100

                MSFT,300.5,7
                AAPL,151.20,200
                """));
        assertEquals(Set.of("AAPL", "MSFT"), replay.symbols());
        assertEquals(new PriceSource.Trade(new BigDecimal("150.10"), 100), replay.next("AAPL", BigDecimal.ONE));
        assertEquals(new PriceSource.Trade(new BigDecimal("151.20"), 200), replay.next("AAPL", BigDecimal.ONE));
        assertEquals(new PriceSource.Trade(new BigDecimal("150.10"), 100), replay.next("AAPL", BigDecimal.ONE));
        assertEquals(new PriceSource.Trade(new BigDecimal("300.5"), 7), replay.next("MSFT", BigDecimal.ONE));
        assertEquals("csv", replay.name());
    }

    @Test
    void volumeIsOptionalAndUnknownSymbolsKeepTheirPrice() throws Exception {
        CsvReplay replay = CsvReplay.parse(new StringReader("TSLA,242.6\n"));
        assertEquals(new PriceSource.Trade(new BigDecimal("242.6"), 0), replay.next("TSLA", BigDecimal.ONE));
        assertEquals(new PriceSource.Trade(new BigDecimal("9.99"), 0), replay.next("NOPE", new BigDecimal("9.99")));
    }

    @Test
    void badLinesAreReportedWithTheirNumber() {
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> CsvReplay.parse(new StringReader("AAPL,1\nMSFT,abc\n")));
        assertTrue(notNumber.getMessage().startsWith("line 2"), notNumber.getMessage());
        IllegalArgumentException cells = assertThrows(IllegalArgumentException.class,
                () -> CsvReplay.parse(new StringReader("AAPL\n")));
        assertTrue(cells.getMessage().startsWith("line 1"), cells.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvReplay.parse(new StringReader("AAPL,-1\n")));
        assertThrows(IllegalArgumentException.class, () -> CsvReplay.parse(new StringReader("symbol,price\n")));
    }

    @Test
    void theShippedSampleParses() throws Exception {
        try (var sample = CsvReplayTest.class.getClassLoader().getResourceAsStream(PriceSources.SAMPLE_CSV)) {
            CsvReplay replay = CsvReplay.parse(new InputStreamReader(sample, StandardCharsets.UTF_8));
            assertTrue(replay.symbols().containsAll(Set.of("AAPL", "SYMBOL_XYZ")), replay.symbols().toString());
        }
    }
}
