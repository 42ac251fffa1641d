package dev.pulse.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class V9_1__RepairInvalidTextTest {

    @Test
    void replacesLoneSurrogatesAndDropsNul() {
        assertEquals("x \ufffd y", V9_1__RepairInvalidText.repaired("x \ud83d y"));
        assertEquals("AAPL", V9_1__RepairInvalidText.repaired("\u0000AAPL"));
        assertEquals("ok \ud83d\ude00", V9_1__RepairInvalidText.repaired("ok \ud83d\ude00"));
    }
}
