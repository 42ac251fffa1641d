package dev.pulse.realtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Timestamps as frames carry them: ISO-8601 in UTC with exactly three fraction digits,
 * {@code "2026-01-15T10:30:00.123Z"} (docs/market.md, docs/accounts-and-chat.md). Not
 * {@link Instant#toString()}, which drops the fraction when it is zero: about one frame in a
 * thousand then had the other form ({@code "2026-01-15T10:30:00Z"}).
 */
public final class Timestamps {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** {@code instant} in the wire form, truncated to milliseconds. */
    public static String iso(Instant instant) {
        return MILLIS.format(instant);
    }

    /** The current time in the wire form. */
    public static String now() {
        return iso(Instant.now());
    }
}
