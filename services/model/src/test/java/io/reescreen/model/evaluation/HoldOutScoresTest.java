package io.reescreen.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldOutScoresTest {

    // Four rows, worked by hand:
    //   errors point - truth: +10, -10, +30, 0  -> |e| = 10, 10, 30, 0
    //   MAE 12.5, mean truth 250               -> MAE / mean = 5 %
    //   relative: 0.1, 0.05, 0.1, 0             -> MAPE 6.25 %
    //   squares 100, 100, 900, 0                -> RMSE sqrt(275)
    //   SS_tot about 250: 22500 + 2500 + 2500 + 22500 = 50000 -> R² = 1 - 1100 / 50000 = 0.978
    //   at 195: truth high = 200, 300, 400; flagged = 330, 400 -> TP 2, FP 0, FN 1 (200 predicted 190), TN 1
    //   intervals: 100 in [90,120] yes, 200 in [195,210] yes, 300 in [250,290] no, 400 in [350,450] yes -> 0.75
    private static final double[] TRUTH = {100, 200, 300, 400};
    private static final double[] POINT = {110, 190, 330, 400};
    private static final double[] LOWER = {90, 195, 250, 350};
    private static final double[] UPPER = {120, 210, 290, 450};
    private static final double THRESHOLD = 195;

    @Test
    void handWorkedScores() {
        HoldOutScores s = HoldOutScores.of(TRUTH, POINT, LOWER, UPPER, THRESHOLD);
        assertEquals(4, s.rows());
        assertEquals(0.978, s.r2(), 1e-12);
        assertEquals(6.25, s.mapePct(), 1e-12);
        assertEquals(5.0, s.maeOverMeanPct(), 1e-12);
        assertEquals(Math.sqrt(275), s.rmsePpmMol(), 1e-12);
        assertEquals(new ScreeningMetrics(2, 0, 1, 1), s.screening());
        assertEquals(0.75, s.coverage90(), 1e-15);
        // widths 30, 15, 40, 100 around 110, 190, 330, 400
        assertEquals((3000 / 110.0 + 1500 / 190.0 + 4000 / 330.0 + 10000 / 400.0) / 4, s.meanWidth90Pct(), 1e-12);
    }

    @Test
    void aWidthNeedsAPositivePredictionAndAnOrderedInterval() {
        assertThrows(IllegalArgumentException.class, () -> HoldOutScores.of(new double[] {1, 2}, new double[] {0, 2},
                new double[] {0, 1}, new double[] {1, 3}, THRESHOLD), "a zero prediction has no relative width");
    }

    @Test
    void metricNamesCarryThePrefixAndAUnitAndMapTheRightValues() {
        HoldOutScores s = HoldOutScores.of(TRUTH, POINT, LOWER, UPPER, THRESHOLD);
        Map<String, Double> m = s.asMetrics("test_");
        assertEquals(List.of("test_rows_count", "test_r2_total_ratio", "test_mape_total_pct", "test_mae_over_mean_total_pct",
                "test_rmse_total_ppm_mol", "test_precision_at_threshold_ratio", "test_recall_at_threshold_ratio",
                "test_iou_at_threshold_ratio", "test_coverage_90_ratio", "test_coverage_90_mean_width_pct"), List.copyOf(m.keySet()));
        assertEquals(4.0, m.get("test_rows_count"));
        assertEquals(0.978, m.get("test_r2_total_ratio"), 1e-12);
        assertEquals(6.25, m.get("test_mape_total_pct"), 1e-12);
        assertEquals(5.0, m.get("test_mae_over_mean_total_pct"), 1e-12);
        assertEquals(Math.sqrt(275), m.get("test_rmse_total_ppm_mol"), 1e-12);
        assertEquals(1.0, m.get("test_precision_at_threshold_ratio"), 1e-15);
        assertEquals(2.0 / 3, m.get("test_recall_at_threshold_ratio"), 1e-15);
        assertEquals(2.0 / 3, m.get("test_iou_at_threshold_ratio"), 1e-15);
        assertEquals(0.75, m.get("test_coverage_90_ratio"), 1e-15);
        assertEquals(s.meanWidth90Pct(), m.get("test_coverage_90_mean_width_pct"));
        for (String name : s.asMetrics("").keySet()) {
            assertTrue(List.of("_ratio", "_pct", "_ppm_mol", "_count").stream().anyMatch(name::endsWith), name);
        }
    }

    @Test
    void undefinedScreeningRatiosStayNaN() {
        // Nothing reaches the threshold: precision, recall and IoU are 0/0, not 0 or 1.
        HoldOutScores s = HoldOutScores.of(new double[] {10, 20}, new double[] {11, 19}, new double[] {9, 18},
                new double[] {12, 21}, 100);
        Map<String, Double> m = s.asMetrics("x_");
        assertTrue(Double.isNaN(m.get("x_precision_at_threshold_ratio")));
        assertTrue(Double.isNaN(m.get("x_recall_at_threshold_ratio")));
        assertTrue(Double.isNaN(m.get("x_iou_at_threshold_ratio")));
        assertEquals(1.0, s.coverage90());
    }

    @Test
    void mismatchedOrSwappedInputsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> HoldOutScores.of(TRUTH, new double[] {1, 2, 3}, LOWER, UPPER, THRESHOLD));
        assertThrows(IllegalArgumentException.class,
                () -> HoldOutScores.of(TRUTH, POINT, UPPER, LOWER, THRESHOLD), "lower above upper");
    }
}
