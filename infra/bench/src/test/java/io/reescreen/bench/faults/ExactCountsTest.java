package io.reescreen.bench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExactCountsTest {

    @Test
    void everyKeyAtItsExpectationIsExact() {
        ExactCounts counts = ExactCounts.compare(30, Map.of("L1", 10L, "L2", 20L), Map.of("L1", 10L, "L2", 20L));
        assertEquals(new ExactCounts(30, 30, 30, 0, 0), counts);
        assertTrue(counts.exact());
    }

    @Test
    void aShortfallOnOneKeyIsNotHiddenByAnExcessOnAnother() {
        ExactCounts counts = ExactCounts.compare(30, Map.of("L1", 10L, "L2", 20L), Map.of("L1", 8L, "L2", 22L));
        assertEquals(30, counts.seen(), "the sums agree");
        assertEquals(2, counts.lost());
        assertEquals(2, counts.duplicated());
        assertFalse(counts.exact());
    }

    @Test
    void aKeyNeverSeenIsLostWhole() {
        ExactCounts counts = ExactCounts.compare(2, Map.of("lab-1", 1L, "lab-2", 1L), Map.of("lab-1", 1L));
        assertEquals(1, counts.lost());
        assertEquals(0, counts.duplicated());
    }

    @Test
    void keysThatTheProbeDidNotSendAreIgnored() {
        ExactCounts counts = ExactCounts.compare(1, Map.of("L1", 1L), Map.of("L1", 1L, "someone-else", 50L));
        assertEquals(1, counts.seen());
        assertTrue(counts.exact());
    }
}
