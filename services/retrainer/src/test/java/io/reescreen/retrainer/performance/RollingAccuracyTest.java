package io.reescreen.retrainer.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.ModelPerformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollingAccuracyTest {

    @Test
    void figuresOnHandMadeComparisons() {
        List<ModelPerformance> four = List.of(
                Comparisons.of("S", "v", 100, 110, 90, 120, 0.1),   // inside, +10 %, width 27.27 %, TN
                Comparisons.of("S", "v", 200, 150, 140, 160, 0.1),  // outside, -25 %, width 13.33 %, TN
                Comparisons.of("S", "v", 320, 330, 300, 360, 0.9),  // inside, TP
                Comparisons.of("S", "v", 250, 330, 300, 360, 0.9)); // outside, FP
        AccuracyFigures f = AccuracyFigures.of(four);
        assertEquals(4, f.comparisons());
        assertEquals(50.0, f.coverage90Pct(), 1e-12);
        assertEquals(100.0 * (10 + 50 + 10 + 80) / (100 + 200 + 320 + 250), f.maeOverMeanPct(), 1e-9);
        assertEquals(100.0 * (0.10 + 0.25 + 10.0 / 320 + 80.0 / 250) / 4, f.mapePct(), 1e-9);
        assertEquals((30.0 / 110 + 20.0 / 150 + 60.0 / 330 + 60.0 / 330) * 100 / 4, f.meanIntervalWidthPct(), 1e-9);
        assertEquals(1, f.screening().truePositives());
        assertEquals(1, f.screening().falsePositives());
        assertEquals(2, f.screening().trueNegatives());
        assertEquals(0, f.screening().falseNegatives());
        assertEquals(50.0, f.precisionPct(), 1e-12);
        assertEquals(100.0, f.recallPct(), 1e-12);
    }

    @Test
    void noComparisonsAndNoPositivesGiveUndefinedFiguresNotAFailure() {
        AccuracyFigures none = AccuracyFigures.of(List.of());
        assertEquals(0, none.comparisons());
        assertTrue(Double.isNaN(none.maeOverMeanPct()) && Double.isNaN(none.coverage90Pct()));
        assertTrue(Double.isNaN(AccuracyFigures.of(List.of(Comparisons.of("S", "v", 100, 110, 90, 120, 0.1)))
                .recallPct()), "no lab value at or above the threshold: recall undefined");
    }

    @Test
    void theWindowKeepsTheLastNComparisonsOfEachSiteAndVersionApart() {
        RollingAccuracy rolling = new RollingAccuracy(3);
        rolling.add(Comparisons.withError("A", "v1", 100, 50, false));
        rolling.add(Comparisons.withError("A", "v1", 100, 10, true));
        rolling.add(Comparisons.withError("A", "v1", 100, 10, true));
        assertEquals(100.0 * 70 / 300, rolling.figures().get(new RollingAccuracy.Key("A", "v1", null)).maeOverMeanPct(),
                1e-9);
        AccuracyFigures afterEviction = rolling.add(Comparisons.withError("A", "v1", 100, 10, true));
        assertEquals(3, afterEviction.comparisons());
        assertEquals(10.0, afterEviction.maeOverMeanPct(), 1e-9, "the oldest (50 off) is out of the window");
        assertEquals(100.0, afterEviction.coverage90Pct(), 1e-9);

        rolling.add(Comparisons.withError("B", "v1", 100, 40, false));
        rolling.add(Comparisons.withError("A", "v2", 100, 20, true));
        Map<RollingAccuracy.Key, AccuracyFigures> all = rolling.figures();
        assertEquals(3, all.size(), "A v1, A v2, B v1");
        assertEquals(40.0, all.get(new RollingAccuracy.Key("B", "v1", null)).maeOverMeanPct(), 1e-9);
        assertEquals(20.0, all.get(new RollingAccuracy.Key("A", "v2", null)).maeOverMeanPct(), 1e-9);
        assertEquals(3, all.get(new RollingAccuracy.Key("A", "v1", null)).comparisons());
    }
}
