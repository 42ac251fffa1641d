package dev.pulse.market.feed;

import dev.pulse.market.GeometricBrownianMotion;
import dev.pulse.market.PriceSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/** Builds the source named by {@code pulse.feed.source} once, for the feed and on-demand updates. */
@ApplicationScoped
public class PriceSources {

    private static final Logger LOG = Logger.getLogger(PriceSources.class.getName());
    static final String SAMPLE_CSV = "market/sample-prices.csv";

    @Inject
    FeedSettings settings;

    private PriceSource source;

    @PostConstruct
    void select() {
        source = switch (settings.source().strip().toLowerCase()) {
            case "simulated", "gbm" -> new GeometricBrownianMotion(
                    settings.seed().orElseGet(System::nanoTime), settings.drift(), settings.volatility());
            case "csv" -> csv();
            default -> throw new IllegalStateException("pulse.feed.source must be simulated or csv, not " + settings.source());
        };
        LOG.info(() -> "Price source: " + source.name() + settings.seed().map(s -> " (seed " + s + ")").orElse(""));
    }

    public PriceSource current() {
        return source;
    }

    private CsvReplay csv() {
        try (Reader reader = openCsv()) {
            return CsvReplay.parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the price CSV", e);
        }
    }

    private Reader openCsv() throws IOException {
        if (settings.csvPath().isPresent()) {
            return Files.newBufferedReader(Path.of(settings.csvPath().get()), StandardCharsets.UTF_8);
        }
        InputStream sample = PriceSources.class.getClassLoader().getResourceAsStream(SAMPLE_CSV);
        if (sample == null) {
            throw new IOException(SAMPLE_CSV + " is missing from the application");
        }
        return new InputStreamReader(sample, StandardCharsets.UTF_8);
    }
}
