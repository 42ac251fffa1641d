package dev.pulse.market.tick;

import java.math.BigDecimal;

/** The frames of /ws/tick/ (seed 000's {@code event} dialect). */
public final class TickMessages {

    private TickMessages() {
    }

    public record Connected(String event, String clientId) {
        Connected(String clientId) {
            this("connected", clientId);
        }
    }

    public record Ack(String event, String symbol) {
    }

    public record TickUpdate(String event, String symbol, BigDecimal price, long epoch, long tick) {
        TickUpdate(String symbol, BigDecimal price, long epoch, long tick) {
            this("tick_update", symbol, price, epoch, tick);
        }
    }

    public record CandleData(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long epoch, int interval) {
    }

    public record CandleUpdate(String event, String symbol, CandleData candle) {
        CandleUpdate(String symbol, CandleData candle) {
            this("candle_update", symbol, candle);
        }
    }

    public record TradeUpdate(String event, TradeBook.Result data) {
        TradeUpdate(TradeBook.Result data) {
            this("trade_update", data);
        }
    }

    public record Error(String event, String message) {
        Error(String message) {
            this("error", message);
        }
    }
}
