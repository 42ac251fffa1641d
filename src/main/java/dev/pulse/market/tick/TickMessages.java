package dev.pulse.market.tick;

import java.math.BigDecimal;

/** The frames of /ws/tick/ (seed 000's {@code event} dialect). */
final class TickMessages {

    private TickMessages() {
    }

    record Connected(String event, String clientId) {
        Connected(String clientId) {
            this("connected", clientId);
        }
    }

    record Ack(String event, String symbol) {
    }

    record TickUpdate(String event, String symbol, BigDecimal price, long epoch, long tick) {
        TickUpdate(String symbol, BigDecimal price, long epoch, long tick) {
            this("tick_update", symbol, price, epoch, tick);
        }
    }

    record CandleData(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long epoch, int interval) {
    }

    record CandleUpdate(String event, String symbol, CandleData candle) {
        CandleUpdate(String symbol, CandleData candle) {
            this("candle_update", symbol, candle);
        }
    }

    record TradeUpdate(String event, TradeBook.Result data) {
        TradeUpdate(TradeBook.Result data) {
            this("trade_update", data);
        }
    }

    record Error(String event, String message) {
        Error(String message) {
            this("error", message);
        }
    }
}
