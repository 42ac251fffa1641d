package dev.pulse.market.live;

import dev.pulse.realtime.Timestamps;

/**
 * Seed 001's envelope: {@code {"type": ..., "data": {...}, "timestamp": "2024-01-15T10:30:00.123Z"}}
 * (UTC, always three fraction digits: {@link Timestamps}).
 */
public record RealtimeMessage(String type, Object data, String timestamp) {

    public static RealtimeMessage of(String type, Object data) {
        return new RealtimeMessage(type, data, Timestamps.now());
    }

    public static RealtimeMessage error(String code, String message) {
        return of("error", new ErrorData(code, message));
    }

    public record ErrorData(String code, String message) {
    }
}
