package dev.pulse.market.live;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/** A client frame of /ws/realtime/ (seed 001): {@code {"type": "...", "data": {...}}}; data is optional. */
record MarketFrame(@NotNull(message = "type is required") String type, JsonObject data) {

    /** {@code data} of the asset subscriptions. */
    record Asset(@NotNull(message = "data.symbol is required") String symbol) {

        @AssertTrue(message = "data.symbol must be 1 to 20 characters")
        boolean isSized() {
            return symbol == null || !normalized().isEmpty() && normalized().length() <= 20;
        }

        String normalized() {
            return symbol.strip().toUpperCase();
        }
    }

    /** {@code data} of the portfolio subscriptions: the id as a JSON integer or a string of digits. */
    record Portfolio(@NotNull(message = "data.portfolio_id is required") JsonValue portfolioId) {

        @AssertTrue(message = "data.portfolio_id must be an integer")
        boolean isInteger() {
            return portfolioId == null || id() != null;
        }

        Long id() {
            if (portfolioId instanceof JsonNumber number && number.isIntegral()) {
                try {
                    return number.longValueExact();
                } catch (ArithmeticException tooLarge) {
                    // 2^64 + 7 must not wrap around to portfolio 7
                    return null;
                }
            }
            if (portfolioId instanceof JsonString text) {
                try {
                    return Long.parseLong(text.getString().strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    }

    JsonObject dataOrEmpty() {
        return data == null ? JsonValue.EMPTY_JSON_OBJECT : data;
    }
}
