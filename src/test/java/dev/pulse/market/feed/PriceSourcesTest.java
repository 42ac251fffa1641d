package dev.pulse.market.feed;

import dev.pulse.market.GeometricBrownianMotion;
import dev.pulse.market.PriceSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PriceSourcesTest {

    private static PriceSources select(String source, Optional<Long> seed, Optional<String> csv) {
        FeedSettings settings = new FeedSettings();
        settings.source = source;
        settings.seed = seed;
        settings.csvPath = csv;
        settings.volatility = 0.01;
        PriceSources sources = new PriceSources();
        sources.settings = settings;
        sources.select();
        return sources;
    }

    @Test
    void simulatedWithASeedIsReproducible() {
        PriceSource first = select("simulated", Optional.of(5L), Optional.empty()).current();
        PriceSource second = select("SIMULATED", Optional.of(5L), Optional.empty()).current();
        assertInstanceOf(GeometricBrownianMotion.class, first);
        assertEquals(first.next("AAPL", BigDecimal.TEN), second.next("AAPL", BigDecimal.TEN));
    }

    @Test
    void csvReplaysTheBundledSampleOrTheGivenFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertInstanceOf(CsvReplay.class, select("csv", Optional.empty(), Optional.empty()).current());
        Path file = Files.writeString(dir.resolve("prices.csv"), "symbol,price,volume\nAAPL,1.5,3\n");
        PriceSource replay = select("csv", Optional.empty(), Optional.of(file.toString())).current();
        assertEquals(new PriceSource.Trade(new BigDecimal("1.5"), 3), replay.next("AAPL", BigDecimal.ONE));
    }

    @Test
    void anUnknownSourceIsAConfigurationError() {
        assertThrows(IllegalStateException.class, () -> select("telepathy", Optional.empty(), Optional.empty()));
    }
}
