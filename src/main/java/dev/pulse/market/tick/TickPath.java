package dev.pulse.market.tick;

import dev.pulse.market.GeometricBrownianMotion;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** One symbol's simulated tick sequence: tick number and price, moved one step at a time. */
public class TickPath {

    public record Tick(String symbol, long index, BigDecimal price) {
    }

    private final String symbol;
    private final GeometricBrownianMotion model;
    private long index;
    private BigDecimal price;

    public TickPath(String symbol, BigDecimal start, GeometricBrownianMotion model) {
        this.symbol = symbol;
        this.model = model;
        this.price = start.setScale(2, RoundingMode.HALF_UP);
    }

    public synchronized Tick advance() {
        index++;
        price = model.next(symbol, price).price().setScale(2, RoundingMode.HALF_UP);
        return current();
    }

    public synchronized Tick current() {
        return new Tick(symbol, index, price);
    }
}
