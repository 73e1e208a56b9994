package io.reescreen.bench.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void oneRoundIsNeverWarm() {
        WarmUp w = new WarmUp();
        w.add(10_000);
        assertFalse(w.stable());
    }

    @Test
    void aThroughputStillClimbingIsNotWarm() {
        WarmUp w = new WarmUp();
        w.add(3_240);
        w.add(4_927);
        assertFalse(w.stable());
        assertTrue(w.toString().endsWith("(not settled)"), w.toString());
    }

    @Test
    void twoRoundsInARowWithinTenPercentAreWarm() {
        WarmUp w = new WarmUp();
        w.add(4_000);
        w.add(10_000);
        w.add(10_900);
        assertTrue(w.stable());
        assertEquals(3, w.rounds());
        assertEquals("4,000, 10,000, 10,900 readings/s", w.toString());
    }

    @Test
    void aDropOfMoreThanTenPercentIsNotWarm() {
        WarmUp w = new WarmUp();
        w.add(10_000);
        w.add(8_800);
        assertFalse(w.stable());
    }
}
