package io.reescreen.model.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.units.FeatureSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransferProtocolTest {

    private static final PredictionSettings PREDICTION = PredictionSettings.defaults();
    private static final TransferSettings SETTINGS = TransferSettings.defaults().withEpochs(40).withResidualFolds(0);
    private static final List<SiteSplit> SPLITS = List.of(
            new SiteSplit("first-half", new int[] {0, 1, 2, 3, 4, 5}, new int[] {6, 7, 8, 9, 10, 11}),
            new SiteSplit(TransferReport.PAPER_SPLIT_ID, new int[] {0, 2, 4, 6, 8, 10}, new int[] {1, 3, 5, 7, 9, 11}),
            new SiteSplit("second-half", new int[] {6, 7, 8, 9, 10, 11}, new int[] {0, 1, 2, 3, 4, 5}));

    private static ModelArtifact base;
    private static byte[] baseBytesBefore;
    private static Dataset site;
    private static TransferReport report;
    private static final List<String> told = new ArrayList<>();

    @BeforeAll
    static void transferToABiasedSite() {
        Dataset home = new SyntheticAshGenerator(SyntheticSpec.withSeed(41)).generate(40);
        TrainingRecipe recipe = new TrainingRecipe(FeatureSet.PAPER_SIX, 2, new TrainingSettings(30, 20, 5e-3f, 1e-2f, 0.03, 4L));
        try (ScreeningModel model = EnsembleFitting.fit(home, recipe, EnsembleTrainer.Progress.NONE)) {
            base = ModelArtifact.of(model, Map.of("dataset", home.name()), Map.of());
        }
        baseBytesBefore = ModelArtifactCodec.encode(base);
        // Twelve lots of a site whose REE run 40 % above what its composition tells the base model.
        site = new SyntheticAshGenerator(SyntheticSpec.withSeed(42).withSiteBias(1.4)).generate(12);
        report = new TransferProtocol(SETTINGS, PREDICTION).run(base, site, SPLITS,
                (outcome, done, of) -> told.add(outcome.split().id() + " " + done + "/" + of));
    }

    @Test
    void oneOutcomePerSplitInOrderEachScoredOnItsTestRows() {
        assertEquals(List.of("first-half 1/3", "paper 2/3", "second-half 3/3"), told);
        assertEquals(SPLITS, report.outcomes().stream().map(SplitOutcome::split).toList());
        for (SplitOutcome o : report.outcomes()) {
            assertEquals(6, o.zeroShot().rows());
            assertEquals(6, o.transferred().rows());
            assertTrue(o.transferSeconds() >= 0);
        }
        assertEquals(SETTINGS, report.settings());
    }

    @Test
    void thePaperSplitIsApartFromTheRepeatedOnes() {
        assertEquals(SPLITS.get(1), report.paperSplit().orElseThrow().split());
        assertEquals(List.of("first-half", "second-half"), report.repeated().stream().map(o -> o.split().id()).toList());
        assertEquals(2, report.transferred(HoldOutScores::r2).length);
        assertEquals(12, report.pooledTestRows());
        double pooled = report.pooledCoverage90();
        assertTrue(pooled >= 0 && pooled <= 1, "coverage " + pooled);
        double byHand = (report.repeated().get(0).transferred().coverage90() + report.repeated().get(1).transferred().coverage90()) / 2;
        assertEquals(byHand, pooled, 1e-12, "two splits of six rows each weigh the same");
    }

    @Test
    void zeroShotIsTheBaseModelOnTheSameTestRows() {
        try (ScreeningModel model = base.load()) {
            for (SplitOutcome o : report.outcomes()) {
                Dataset test = site.subset("test", o.split().testRows());
                assertEquals(HoldOutScores.score(model, test, PREDICTION), o.zeroShot(), o.split().id());
            }
        }
    }

    @Test
    void transferLearnsTheSitesOffset() {
        for (SplitOutcome o : report.outcomes()) {
            assertTrue(o.transferred().maeOverMeanPct() < o.zeroShot().maeOverMeanPct(),
                    o.split().id() + ": zero-shot " + o.zeroShot() + " vs transferred " + o.transferred());
        }
    }

    @Test
    void theBaseArtifactIsUnchanged() {
        assertArrayEquals(baseBytesBefore, ModelArtifactCodec.encode(base), "same weights, scalers, domain and metadata");
    }

    @Test
    void formatComparesZeroShotAndTransferred() {
        String text = report.format();
        assertTrue(text.startsWith("Transfer over 2 fixed splits"), text);
        assertTrue(text.contains("zero-shot") && text.contains("transferred"), text);
        assertTrue(text.matches("(?s).*of 12 \\(width \\d+ %\\) \\|.*"),
                "pooled over the 12 test predictions of the repeated splits, with the intervals' width: " + text);
        assertTrue(text.contains("The paper's own split"), text);
    }

    @Test
    void aSplitNamingARowPastTheSiteFailsBeforeAnyTraining() {
        List<SiteSplit> bad = List.of(SPLITS.get(0), new SiteSplit("too-far", new int[] {0, 1}, new int[] {12}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TransferProtocol(SETTINGS, PREDICTION).run(base, site, bad,
                        (outcome, done, of) -> { throw new AssertionError("no split may run: " + outcome); }));
        assertTrue(e.getMessage().contains("too-far") && e.getMessage().contains("row 12"), e.getMessage());
    }
}
