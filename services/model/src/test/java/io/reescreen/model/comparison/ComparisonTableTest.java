package io.reescreen.model.comparison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.evaluation.ScreeningMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table's arithmetic on hand-made scores: no training. */
class ComparisonTableTest {

    private static final ComparisonSettings SETTINGS = ComparisonSettings.paper().withRepetitions(2);

    // Repetition 1: 1 TP, 1 FP, 1 TN -> precision 0.5, recall 1, IoU 0.5.
    // Repetition 2: 1 FN, 2 TN       -> precision NaN (nothing flagged), recall 0, IoU 0.
    private static final RepetitionScores FIRST = new RepetitionScores(0.5, 10, 5,
            new ScreeningMetrics(1, 1, 0, 1), List.of(1.0, 2.0));
    private static final RepetitionScores SECOND = new RepetitionScores(0.7, 20, 7,
            new ScreeningMetrics(0, 0, 1, 2), List.of(3.0, 6.0));

    @Test
    void valuesArePerRepetitionAndAbsentContendersAreEmpty() {
        ComparisonTable table = new ComparisonTable(SETTINGS, 10, 3, Map.of(Contender.LINEAR, List.of(FIRST, SECOND)));
        assertArrayEquals(new double[] {0.5, 0.7}, table.values(Contender.LINEAR, RepetitionScores::r2));
        assertArrayEquals(new double[] {2.0, 6.0}, table.values(Contender.LINEAR, s -> s.noiseSensitivityPct().get(1)));
        assertTrue(Double.isNaN(table.values(Contender.LINEAR, s -> s.screening().precision())[1]));
        assertEquals(List.of(), table.scores(Contender.SINGLE_TASK_NN));
        assertEquals(0, table.values(Contender.MULTI_TASK_ENSEMBLE, RepetitionScores::r2).length);
    }

    @Test
    void formatShowsMeanAndSampleStdAndCountsUndefinedRepetitions() {
        String text = new ComparisonTable(SETTINGS, 10, 3, Map.of(Contender.LINEAR, List.of(FIRST, SECOND))).format();
        assertTrue(text.startsWith("Total REE on the test rows: 2 stratified repetitions, 10 train / 3 test rows, "
                + "screening at 157 ppm mol, ensemble of 30, 500 epochs."), text);
        List<String> rows = text.lines().filter(l -> l.startsWith("| ")).toList();
        assertEquals(2, rows.size(), "header and the one contender with scores: " + text);
        // R² 0.6 ± 0.1414; MAPE 15 ± 7.07; MAE/mean 6 ± 1.41; IoU 25 ± 35.36 %; precision 50 % from 1 of 2;
        // recall 50 ± 70.71 %; noise 2 ± 1.41 and 4 ± 2.83.
        assertEquals("| linear regression | 0.600 ± 0.141 | 15.0 ± 7.1 | 6.0 ± 1.4 | 25.0 ± 35.4 | 50.0 ± 0.0 (1 of 2) "
                + "| 50.0 ± 70.7 | 2.00 ± 1.41 | 4.00 ± 2.83 |", rows.get(1));
    }

    @Test
    void aStatisticUndefinedInEveryRepetitionIsNotANumber() {
        RepetitionScores nothingHigh = new RepetitionScores(0.9, 4, 3, new ScreeningMetrics(0, 0, 0, 3), List.of(1.5, 3.0));
        String text = new ComparisonTable(SETTINGS.withRepetitions(1), 10, 3,
                Map.of(Contender.MULTI_TASK_ENSEMBLE, List.of(nothingHigh))).format();
        String row = text.lines().filter(l -> l.startsWith("| multi-task ensemble of 30 |")).findFirst().orElseThrow();
        assertEquals("| multi-task ensemble of 30 | 0.900 ± 0.000 | 4.0 ± 0.0 | 3.0 ± 0.0 | n/a | n/a | n/a "
                + "| 1.50 ± 0.00 | 3.00 ± 0.00 |", row);
    }
}
