package io.reescreen.model.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.evaluation.HoldOutScores;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on hand-made outcomes: no training. */
class TransferReportTest {

    /** Scores on {@code n} rows of which the first {@code inside} have their truth inside the interval. */
    private static HoldOutScores scores(int n, int inside, double error) {
        double[] truth = new double[n];
        double[] point = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = 100 + 10 * i;
            point[i] = truth[i] * (1 + error);
            lower[i] = i < inside ? truth[i] - 1 : truth[i] + 1;
            upper[i] = truth[i] + 2;
        }
        return HoldOutScores.of(truth, point, lower, upper, 157);
    }

    private static SplitOutcome outcome(String id, HoldOutScores zeroShot, HoldOutScores transferred, double seconds) {
        return new SplitOutcome(new SiteSplit(id, new int[] {90, 91}, new int[] {92}), zeroShot, transferred, seconds);
    }

    // Repeated: 3 of 4 and 1 of 2 inside -> pooled 4 / 6. The paper's split (0 of 6 inside) is left out.
    private static final TransferReport REPORT = new TransferReport(List.of(
            outcome("a", scores(4, 0, 0.3), scores(4, 3, 0.1), 1.0),
            outcome(TransferReport.PAPER_SPLIT_ID, scores(6, 6, 0.5), scores(6, 0, 0.2), 9.0),
            outcome("b", scores(2, 2, 0.3), scores(2, 1, 0.05), 3.0)), TransferSettings.defaults());

    @Test
    void thePaperSplitIsReportedApartAndNotPooled() {
        assertEquals(List.of("a", "b"), REPORT.repeated().stream().map(o -> o.split().id()).toList());
        assertEquals(TransferReport.PAPER_SPLIT_ID, REPORT.paperSplit().orElseThrow().split().id());
        assertEquals(6, REPORT.pooledTestRows());
        assertEquals(4.0 / 6, REPORT.pooledCoverage90(), 1e-15);
        assertArrayEquals(new double[] {10, 5}, REPORT.transferred(HoldOutScores::mapePct), 1e-9);
        assertArrayEquals(new double[] {30, 30}, REPORT.zeroShot(HoldOutScores::mapePct), 1e-9);
    }

    @Test
    void formatComparesZeroShotWithTransferredAndNamesThePaperSplit() {
        String text = REPORT.format();
        assertTrue(text.startsWith("Transfer over 2 fixed splits"), text);
        assertTrue(text.contains("| total REE, test rows | zero-shot (base model) | transferred |"), text);
        assertTrue(text.contains("| MAPE %, mean ± std | 30.0 ± 0.0 | 7.5 ± 3.5 |"), text);
        // Pooled zero-shot coverage: 0 of 4 and 2 of 2 -> 33.3 %; transferred 66.7 % of 6 rows.
        // Widths: zero-shot 1 (outside) or 3 (inside) around truth x 1.3; transferred around truth x 1.1 and x 1.05.
        assertTrue(text.contains("| 90 % interval coverage, pooled (mean width, % of the prediction) | 33.3 % (width 1 %) "
                + "| 66.7 % of 6 (width 2 %) |"), text);
        assertEquals((300 / 110.0 + 300 / 121.0 + 300 / 132.0 + 100 / 143.0 + 300 / 105.0 + 100 / 115.5) / 6,
                REPORT.pooledMeanWidth90Pct(), 1e-12);
        assertEquals((100 / 130.0 + 100 / 143.0 + 100 / 156.0 + 100 / 169.0 + 300 / 130.0 + 300 / 143.0) / 6,
                REPORT.pooledZeroShotMeanWidth90Pct(), 1e-12);
        assertTrue(text.contains("| transfer time, median | | 2.00 s |"), "median of 1 s and 3 s, the paper's 9 s left out: " + text);
        assertTrue(text.contains("The paper's own split: zero-shot R²"), text);
        assertTrue(text.contains("transferred R²") && text.contains("MAPE 20.0 %, coverage 0 %"), text);
    }

    @Test
    void withoutRepeatedSplitsThereIsNothingToPool() {
        TransferReport onlyPaper = new TransferReport(List.of(
                outcome(TransferReport.PAPER_SPLIT_ID, scores(3, 1, 0.1), scores(3, 2, 0.1), 1.0)), TransferSettings.defaults());
        assertTrue(onlyPaper.repeated().isEmpty());
        assertTrue(Double.isNaN(onlyPaper.pooledCoverage90()));
        assertEquals(0, onlyPaper.pooledTestRows());
        assertTrue(onlyPaper.format().contains("n/a"), onlyPaper.format());

        TransferReport noPaper = new TransferReport(List.of(outcome("a", scores(2, 1, 0.1), scores(2, 1, 0.1), 1.0)),
                TransferSettings.defaults());
        assertTrue(noPaper.paperSplit().isEmpty());
        assertFalse(noPaper.format().contains("paper's own split"), noPaper.format());
    }
}
