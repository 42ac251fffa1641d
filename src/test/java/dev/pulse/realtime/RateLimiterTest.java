package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.realtime.cluster.LocalClusterState;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final RateLimiter.Limit TEN_PER_SECOND = new RateLimiter.Limit("t", 10, 1000);

    private static RateLimiter local() {
        RateLimiter limiter = new RateLimiter();
        limiter.cluster = new LocalClusterState();
        return limiter;
    }

    @Test
    void grantsExactlyTheLimitInOneWindowThenSaysHowLongToWait() {
        long[] state = null;
        long[] result = new long[2];
        long start = 10_000; // window 10, elapsed 0
        for (int i = 0; i < 10; i++) {
            state = RateLimiter.grant(TEN_PER_SECOND, state, start, result);
            assertEquals(1, result[0], "event " + i);
        }
        state = RateLimiter.grant(TEN_PER_SECOND, state, start + 400, result);
        assertEquals(0, result[0]);
        // The current window holds all ten: room comes back in the next window, as soon as
        // (1 - elapsed) x 10 <= 9, i.e. 100 ms into it: 600 ms + 100 ms (+1 rounding).
        assertEquals(701, result[1]);
        assertArrayEquals(new long[] {10, 0, 10}, state);
    }

    @Test
    void thePreviousWindowWeighsByHowMuchOfItTheSlidingWindowStillCovers() {
        long[] result = new long[2];
        long[] previousFull = {10, 0, 10};
        // Half-way through window 11: 10 x 0.5 = 5 still count, 5 more are allowed.
        long[] state = previousFull;
        int granted = 0;
        for (int i = 0; i < 8; i++) {
            state = RateLimiter.grant(TEN_PER_SECOND, state, 11_500, result);
            granted += result[0];
        }
        assertEquals(5, granted);
        assertArrayEquals(new long[] {11, 10, 5}, state);
    }

    @Test
    void leasesNeverLetMoreThanTheLimitThrough() {
        RateLimiter limiter = local();
        RateLimiter.Limit hundredPerMinute = new RateLimiter.Limit("chat", 100, 60_000);
        int admitted = 0;
        for (int i = 0; i < 150; i++) {
            if (limiter.admit(hundredPerMinute, "alice").admitted()) {
                admitted++;
            }
        }
        assertEquals(100, admitted);
        assertEquals(true, limiter.admit(hundredPerMinute, "bob").admitted(), "keys are counted apart");
    }
}
