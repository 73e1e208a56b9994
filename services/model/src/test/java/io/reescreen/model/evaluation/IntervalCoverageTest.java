package io.reescreen.model.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IntervalCoverageTest {

    @Test
    void countsClosedIntervals() {
        // 1 in [0,2] yes; 2 in [2.5,3] no; 3 in [3,3] yes (closed); 4 in [3,3.5] no; 5 in [0,4] no -> 2/5.
        double[] truth = {1, 2, 3, 4, 5};
        double[] lower = {0, 2.5, 3, 3, 0};
        double[] upper = {2, 3, 3, 3.5, 4};
        assertEquals(0.4, IntervalCoverage.fraction(truth, lower, upper), 1e-15);
    }

    @Test
    void allInsideAndNoneInside() {
        double[] truth = {10, 20};
        assertEquals(1.0, IntervalCoverage.fraction(truth, new double[] {10, 0}, new double[] {11, 20}), 0);
        assertEquals(0.0, IntervalCoverage.fraction(truth, new double[] {11, 21}, new double[] {12, 22}), 0);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> IntervalCoverage.fraction(new double[] {1}, new double[] {2}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> IntervalCoverage.fraction(new double[] {1, 2}, new double[] {0}, new double[] {3, 3}));
        assertThrows(IllegalArgumentException.class,
                () -> IntervalCoverage.fraction(new double[] {1}, new double[] {0}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> IntervalCoverage.fraction(new double[0], new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> IntervalCoverage.fraction(new double[] {Double.NaN}, new double[] {0}, new double[] {1}));
    }
}
