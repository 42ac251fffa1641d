package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutboxTest {

    @Test
    void keepsOrderWithinCapacity() {
        Outbox outbox = new Outbox(3, OverflowPolicy.DISCONNECT);
        assertEquals(Outbox.Offer.QUEUED, outbox.offer("a", null));
        assertEquals(Outbox.Offer.QUEUED, outbox.offer("b", null));
        assertEquals("a", outbox.poll());
        assertEquals("b", outbox.poll());
        assertNull(outbox.poll());
    }

    @Test
    void conflatesFramesWithTheSameKeyInPlace() {
        Outbox outbox = new Outbox(3, OverflowPolicy.DISCONNECT);
        outbox.offer("AAPL 1", "AAPL");
        outbox.offer("MSFT 1", "MSFT");
        assertEquals(Outbox.Offer.CONFLATED, outbox.offer("AAPL 2", "AAPL"));
        assertEquals(2, outbox.size());
        assertEquals("AAPL 2", outbox.poll());
        assertEquals("MSFT 1", outbox.poll());
    }

    @Test
    void dropOldestMakesRoomForTheNewest() {
        Outbox outbox = new Outbox(2, OverflowPolicy.DROP_OLDEST);
        outbox.offer("1", null);
        outbox.offer("2", null);
        assertEquals(Outbox.Offer.DROPPED_OLDEST, outbox.offer("3", null));
        assertEquals("2", outbox.poll());
        assertEquals("3", outbox.poll());
    }

    @Test
    void disconnectPolicyReportsOverflowAndKeepsTheQueue() {
        Outbox outbox = new Outbox(1, OverflowPolicy.DISCONNECT);
        outbox.offer("1", null);
        assertEquals(Outbox.Offer.OVERFLOW, outbox.offer("2", null));
        assertEquals(1, outbox.size());
    }

    @Test
    void conflationNeverOverflows() {
        Outbox outbox = new Outbox(1, OverflowPolicy.DISCONNECT);
        outbox.offer("1", "k");
        assertEquals(Outbox.Offer.CONFLATED, outbox.offer("2", "k"));
        assertEquals("2", outbox.poll());
    }

    @Test
    void rejectsAnEmptyCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new Outbox(0, OverflowPolicy.DROP_OLDEST));
    }
}
