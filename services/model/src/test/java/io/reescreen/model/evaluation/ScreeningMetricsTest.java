package io.reescreen.model.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreeningMetricsTest {

    private static final double THRESHOLD = 157; // ppm mol, the paper's screening mark
    private static final double EPS = 1e-12;

    @Test
    void reproducesThePapersTestSetRatios() {
        // A 20-row test set with TP 7, FP 2, FN 1, TN 10 gives the paper's figures:
        // precision 7/9 = 77.8 %, recall 7/8 = 87.5 %, IoU 7/10 = 70 %.
        double[] truth = {200, 250, 160, 157, 180, 300, 220, /* FP */ 150, 100, /* FN */ 170,
            /* TN */ 90, 100, 110, 120, 130, 140, 150, 156, 80, 95};
        double[] predicted = {190, 240, 157, 170, 158, 280, 210, /* FP */ 160, 157, /* FN */ 156.9,
            /* TN */ 100, 90, 120, 110, 140, 130, 145, 156.99, 85, 100};
        ScreeningMetrics m = ScreeningMetrics.at(truth, predicted, THRESHOLD);
        assertEquals(new ScreeningMetrics(7, 2, 1, 10), m);
        assertEquals(20, m.total());
        assertEquals(7.0 / 9, m.precision(), EPS);
        assertEquals(0.875, m.recall(), EPS);
        assertEquals(0.7, m.iou(), EPS);
    }

    @Test
    void thresholdIsInclusive() {
        ScreeningMetrics m = ScreeningMetrics.at(new double[] {157}, new double[] {157}, THRESHOLD);
        assertEquals(new ScreeningMetrics(1, 0, 0, 0), m);
    }

    @Test
    void smallTableByHand() {
        // TP 2, FP 1, FN 3, TN 4: precision 2/3, recall 2/5, IoU 2/6.
        ScreeningMetrics m = new ScreeningMetrics(2, 1, 3, 4);
        assertEquals(2.0 / 3, m.precision(), EPS);
        assertEquals(0.4, m.recall(), EPS);
        assertEquals(1.0 / 3, m.iou(), EPS);
    }

    @Test
    void undefinedRatiosAreNaN() {
        ScreeningMetrics nothingFlagged = new ScreeningMetrics(0, 0, 2, 3);
        assertTrue(Double.isNaN(nothingFlagged.precision()));
        assertEquals(0.0, nothingFlagged.recall(), 0);
        assertEquals(0.0, nothingFlagged.iou(), 0);

        ScreeningMetrics nothingRich = new ScreeningMetrics(0, 2, 0, 3);
        assertEquals(0.0, nothingRich.precision(), 0);
        assertTrue(Double.isNaN(nothingRich.recall()));
        assertEquals(0.0, nothingRich.iou(), 0);

        ScreeningMetrics allNegative = ScreeningMetrics.at(new double[] {100, 120}, new double[] {110, 90}, THRESHOLD);
        assertEquals(new ScreeningMetrics(0, 0, 0, 2), allNegative);
        assertTrue(Double.isNaN(allNegative.precision()));
        assertTrue(Double.isNaN(allNegative.recall()));
        assertTrue(Double.isNaN(allNegative.iou()));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ScreeningMetrics.at(new double[] {1, 2}, new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> ScreeningMetrics.at(new double[0], new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> ScreeningMetrics.at(new double[] {1}, new double[] {Double.NaN}, 1));
        assertThrows(IllegalArgumentException.class, () -> ScreeningMetrics.at(new double[] {1}, new double[] {1}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ScreeningMetrics(-1, 0, 0, 0));
    }
}
