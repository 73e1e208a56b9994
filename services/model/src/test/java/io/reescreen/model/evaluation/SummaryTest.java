package io.reescreen.model.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    @Test
    void knownArray() {
        // Mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample std sqrt(32/7) (population std would be 2);
        // median (4+5)/2.
        double[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5.0, Summary.mean(values), 1e-15);
        assertEquals(Math.sqrt(32.0 / 7), Summary.std(values), 1e-15);
        assertEquals(4.5, Summary.median(values), 1e-15);
    }

    @Test
    void oddMedianLeavesInputUnsorted() {
        double[] values = {3, 1, 2};
        assertEquals(2.0, Summary.median(values), 0);
        assertArrayEquals(new double[] {3, 1, 2}, values, 0);
    }

    @Test
    void singleValue() {
        double[] one = {0.85};
        assertEquals(0.85, Summary.mean(one), 0);
        assertEquals(0.85, Summary.median(one), 0);
        assertTrue(Double.isNaN(Summary.std(one)));
    }

    @Test
    void rejectsEmpty() {
        assertThrows(IllegalArgumentException.class, () -> Summary.mean(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Summary.std(null));
        assertThrows(IllegalArgumentException.class, () -> Summary.median(new double[0]));
    }
}
