package dev.pulse.market.tick;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Simulated binary contracts resolved against the tick path: a CALL opened at tick N with duration
 * D wins when the price at tick N+D is strictly above the entry price, a PUT when strictly below.
 * A win pays {@code stake * payout}, a loss costs the stake. Not thread-safe: one per client.
 */
public class TradeBook {

    public enum Direction { CALL, PUT }

    public record Contract(String symbol, Direction direction, long entryTick, BigDecimal entryPrice, int duration) {
        long expiryTick() {
            return entryTick + duration;
        }
    }

    /** seed 000's {@code trade_update} data, with what decided it. */
    public record Result(String contract, String status, BigDecimal profit, String symbol, BigDecimal entryPrice,
                         BigDecimal exitPrice, long entryTick, long exitTick) {
    }

    private final BigDecimal stake;
    private final BigDecimal payout;
    private final List<Contract> open = new ArrayList<>();

    public TradeBook(BigDecimal stake, BigDecimal payout) {
        this.stake = stake;
        this.payout = payout;
    }

    public Contract open(String symbol, Direction direction, long tick, BigDecimal price, int duration) {
        if (duration < 1) {
            throw new IllegalArgumentException("duration must be at least one tick");
        }
        Contract contract = new Contract(symbol, direction, tick, price, duration);
        open.add(contract);
        return contract;
    }

    /** Settles the contracts on {@code symbol} that expire at or before {@code tick}. */
    public List<Result> settle(String symbol, long tick, BigDecimal price) {
        List<Result> results = new ArrayList<>();
        for (Iterator<Contract> it = open.iterator(); it.hasNext(); ) {
            Contract contract = it.next();
            if (contract.symbol().equals(symbol) && contract.expiryTick() <= tick) {
                it.remove();
                results.add(resolve(contract, tick, price));
            }
        }
        return results;
    }

    Result resolve(Contract contract, long tick, BigDecimal exit) {
        int move = exit.compareTo(contract.entryPrice());
        boolean won = contract.direction() == Direction.CALL ? move > 0 : move < 0;
        BigDecimal profit = won ? stake.multiply(payout).setScale(2, RoundingMode.HALF_UP) : stake.negate().setScale(2, RoundingMode.HALF_UP);
        return new Result(contract.direction().name(), won ? "Won" : "Lost", profit, contract.symbol(),
                contract.entryPrice(), exit, contract.entryTick(), tick);
    }

    public int openCount() {
        return open.size();
    }

    public void clear() {
        open.clear();
    }
}
