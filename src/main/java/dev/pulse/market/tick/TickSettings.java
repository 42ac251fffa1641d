package dev.pulse.market.tick;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Configuration of the /ws/tick/ simulator. */
@ApplicationScoped
public class TickSettings {

    @Inject
    @ConfigProperty(name = "pulse.tick.interval-ms", defaultValue = "1000")
    long intervalMs;

    @Inject
    @ConfigProperty(name = "pulse.tick.candle-seconds", defaultValue = "60")
    int candleSeconds;

    @Inject
    @ConfigProperty(name = "pulse.tick.contract-ticks", defaultValue = "5")
    int contractTicks;

    @Inject
    @ConfigProperty(name = "pulse.tick.trade-every-ticks", defaultValue = "2")
    int tradeEveryTicks;

    @Inject
    @ConfigProperty(name = "pulse.tick.stake", defaultValue = "10")
    BigDecimal stake;

    @Inject
    @ConfigProperty(name = "pulse.tick.payout", defaultValue = "0.32")
    BigDecimal payout;

    @Inject
    @ConfigProperty(name = "pulse.tick.volatility", defaultValue = "0.002")
    double volatility;

    @Inject
    @ConfigProperty(name = "pulse.tick.seed")
    Optional<Long> seed;

    @Inject
    @ConfigProperty(name = "pulse.tick.default-symbol", defaultValue = "SYMBOL_XYZ")
    String defaultSymbol;

    @Inject
    @ConfigProperty(name = "pulse.tick.max-symbols-per-client", defaultValue = "20")
    int maxSymbolsPerClient;

    public long intervalMs() {
        return intervalMs;
    }

    public int candleSeconds() {
        return candleSeconds;
    }

    public int contractTicks() {
        return contractTicks;
    }

    public int tradeEveryTicks() {
        return Math.max(1, tradeEveryTicks);
    }

    public BigDecimal stake() {
        return stake;
    }

    public BigDecimal payout() {
        return payout;
    }

    public double volatility() {
        return volatility;
    }

    public long seed() {
        return seed.orElseGet(System::nanoTime);
    }

    public String defaultSymbol() {
        return defaultSymbol;
    }

    public int maxSymbolsPerClient() {
        return maxSymbolsPerClient;
    }
}
