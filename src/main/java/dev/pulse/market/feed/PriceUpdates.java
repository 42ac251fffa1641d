package dev.pulse.market.feed;

import dev.pulse.market.AssetCatalog;
import dev.pulse.market.PriceQuote;
import dev.pulse.market.Quotes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** On-demand updates ({@code update_asset_prices [--symbols ...] [--dry-run]} of seed 001). */
@ApplicationScoped
public class PriceUpdates {

    /** What an update did, or with {@code dryRun} what it would do: the quotes after (or as of now). */
    public record Report(boolean dryRun, List<String> symbols, List<PriceQuote> quotes) {
    }

    @Inject
    AssetCatalog catalog;

    @Inject
    PriceSources sources;

    @Inject
    PriceRecorder recorder;

    @Inject
    Quotes quotes;

    /** Updates the given symbols (all assets when empty); unknown symbols reject the whole request. */
    public Report update(List<String> symbols, boolean dryRun) {
        List<String> targets = resolve(symbols);
        if (dryRun) {
            return new Report(true, targets, targets.stream().map(s -> quotes.current(s).orElseThrow()).toList());
        }
        // Committed and announced (PricesChanged, after commit) when it returns.
        List<PriceQuote> updated = recorder.reprice(targets, sources.current(), Instant.now());
        return new Report(false, targets, updated);
    }

    List<String> resolve(List<String> symbols) {
        if (symbols == null || symbols.isEmpty()) {
            return catalog.symbols();
        }
        List<String> unknown = catalog.unknown(symbols);
        if (!unknown.isEmpty()) {
            throw new UnknownSymbolsException(unknown);
        }
        return symbols.stream().distinct().toList();
    }
}
