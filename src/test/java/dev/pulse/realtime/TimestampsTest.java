package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void aWholeSecondKeepsItsThreeFractionDigits() {
        assertEquals("2026-12-02T15:12:54.000Z", Timestamps.iso(Instant.parse("2026-12-02T15:12:54Z")));
    }

    @Test
    void finerPrecisionIsTruncatedToMilliseconds() {
        assertEquals("2026-01-15T10:30:00.123Z", Timestamps.iso(Instant.parse("2026-01-15T10:30:00.123987654Z")));
        assertEquals("2026-01-15T10:30:00.100Z", Timestamps.iso(Instant.parse("2026-01-15T10:30:00.1Z")));
    }
}
