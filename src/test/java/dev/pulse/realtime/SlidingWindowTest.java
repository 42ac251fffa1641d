package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private final SlidingWindow threePerSecond = new SlidingWindow(3, 1000);

    @Test
    void admitsUpToTheLimitWithinTheWindow() {
        long[] log = new long[0];
        for (long t = 0; t < 3; t++) {
            assertEquals(0, threePerSecond.retryAfterMillis(threePerSecond.recent(log, 100 + t), 100 + t));
            log = threePerSecond.plus(threePerSecond.recent(log, 100 + t), 100 + t);
        }
        assertEquals(3, log.length);
        // The fourth waits until the first attempt (at 100) leaves the window (at 1100).
        assertEquals(1100 - 500, threePerSecond.retryAfterMillis(threePerSecond.recent(log, 500), 500));
    }

    @Test
    void attemptsSlideOutOfTheWindow() {
        long[] log = {100, 200, 300};
        assertArrayEquals(new long[] {200, 300}, threePerSecond.recent(log, 1100));
        assertEquals(0, threePerSecond.retryAfterMillis(threePerSecond.recent(log, 1100), 1100));
        assertArrayEquals(new long[0], threePerSecond.recent(log, 5000));
        assertArrayEquals(new long[0], threePerSecond.recent(null, 5000));
    }

    @Test
    void keepsNoMoreThanTheLimit() {
        long[] log = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new long[] {4, 5, 6}, threePerSecond.recent(log, 10));
    }

    @Test
    void theWaitEndsExactlyWhenTheBlockingAttemptLeaves() {
        long[] log = threePerSecond.recent(new long[] {1, 500, 999}, 1000);
        assertEquals(1, threePerSecond.retryAfterMillis(log, 1000));
        assertEquals(0, threePerSecond.retryAfterMillis(threePerSecond.recent(log, 1001), 1001));
    }

    @Test
    void stampsStayAscendingWhenTheClockStepsBack() {
        long[] log = threePerSecond.plus(new long[] {500}, 400);
        assertArrayEquals(new long[] {500, 500}, log);
    }

    @Test
    void forgivesOneAttempt() {
        assertArrayEquals(new long[] {100, 300}, SlidingWindow.minus(new long[] {100, 200, 300}, 200));
        assertArrayEquals(new long[] {200, 200}, SlidingWindow.minus(new long[] {200, 200, 200}, 200));
        assertArrayEquals(new long[] {100}, SlidingWindow.minus(new long[] {100}, 999));
    }

    @Test
    void refusesNonsenseLimits() {
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(1, 0));
    }
}
