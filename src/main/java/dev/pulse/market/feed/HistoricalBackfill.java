package dev.pulse.market.feed;

import dev.pulse.market.Asset;
import dev.pulse.market.AssetCatalog;
import dev.pulse.market.Candle;
import dev.pulse.market.GeometricBrownianMotion;
import dev.pulse.market.Ohlc;
import dev.pulse.market.PricePoint;
import dev.pulse.market.PriceSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code update_asset_prices --historical --days N}: daily candles (and one history row each) for
 * the last N days, walked backwards from today's price by the simulation. Days already present are
 * left alone, so running it twice writes nothing the second time.
 */
@ApplicationScoped
public class HistoricalBackfill {

    static final int DAY = 86_400;
    private static final int STEPS_PER_DAY = 8;

    public record Report(boolean dryRun, int days, List<String> symbols, int candlesWritten, int daysSkipped) {
    }

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    @Inject
    AssetCatalog catalog;

    @Inject
    PriceUpdates updates;

    @Inject
    PriceRecorder recorder;

    @Inject
    FeedSettings settings;

    @Transactional
    public Report backfill(List<String> symbols, int days, boolean dryRun) {
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("days must be between 1 and 3650");
        }
        List<String> targets = updates.resolve(symbols);
        Instant today = Ohlc.bucket(Instant.now(), DAY);
        int written = 0;
        int skipped = 0;
        for (String symbol : targets) {
            Asset asset = catalog.find(symbol).orElseThrow();
            // Its own generator: backfilling must not move the live feed's simulated path.
            GeometricBrownianMotion walk = new GeometricBrownianMotion(
                    settings.seed().orElse(0L) ^ 0x5eedL, 0, settings.volatility() * 2);
            BigDecimal close = asset.currentPrice();
            for (int back = 1; back <= days; back++) {
                Instant dayStart = today.minus(Duration.ofDays(back));
                Ohlc bar = day(walk, symbol, dayStart, close);
                close = bar.open();
                if (recorder.candle(asset, DAY, dayStart).isPresent()) {
                    skipped++;
                    continue;
                }
                written++;
                if (!dryRun) {
                    em.persist(new Candle(asset, bar));
                    em.persist(new PricePoint(asset, bar.close(), bar.volume(), "backfill", dayStart.plusSeconds(DAY - 1)));
                }
            }
        }
        return new Report(dryRun, days, targets, written, skipped);
    }

    /** A day ending at {@code close}: steps walked backwards give the open, high and low. */
    private static Ohlc day(PriceSource walk, String symbol, Instant dayStart, BigDecimal close) {
        List<BigDecimal> path = new ArrayList<>();
        BigDecimal price = close;
        long volume = 0;
        for (int i = 0; i < STEPS_PER_DAY; i++) {
            path.add(price);
            PriceSource.Trade step = walk.next(symbol, price);
            price = step.price();
            volume += step.volume();
        }
        BigDecimal open = scaled(price);
        Ohlc bar = new Ohlc(dayStart, DAY, open, open, open, open, 0);
        for (int i = path.size() - 1; i >= 0; i--) {
            bar = bar.add(dayStart, scaled(path.get(i)), 0);
        }
        return new Ohlc(dayStart, DAY, bar.open(), bar.high(), bar.low(), bar.close(), volume);
    }

    private static BigDecimal scaled(BigDecimal price) {
        return price.setScale(Asset.SCALE, RoundingMode.HALF_UP);
    }
}
