package dev.pulse.market;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated prices: each step multiplies the price by {@code exp((mu - sigma^2/2) + sigma * Z)}.
 * Every symbol draws from its own generator seeded from (seed, symbol), so a symbol's path depends
 * only on the seed and on how many steps it took, not on which other symbols were updated between.
 */
public class GeometricBrownianMotion implements PriceSource {

    private final long seed;
    private final double drift;
    private final double volatility;
    private final Map<String, Random> generators = new ConcurrentHashMap<>();

    /**
     * @param drift      expected log-return per step
     * @param volatility standard deviation of the log-return per step
     */
    public GeometricBrownianMotion(long seed, double drift, double volatility) {
        if (volatility < 0) {
            throw new IllegalArgumentException("volatility must not be negative");
        }
        this.seed = seed;
        this.drift = drift;
        this.volatility = volatility;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public Trade next(String symbol, BigDecimal current) {
        Random random = generators.computeIfAbsent(symbol, s -> new Random(seed * 31 + s.hashCode()));
        double z;
        long volume;
        synchronized (random) {
            z = random.nextGaussian();
            volume = 100 + random.nextInt(9_900);
        }
        double factor = Math.exp(drift - volatility * volatility / 2 + volatility * z);
        return new Trade(current.multiply(BigDecimal.valueOf(factor), MathContext.DECIMAL64), volume);
    }
}
