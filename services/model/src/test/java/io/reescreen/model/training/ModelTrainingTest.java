package io.reescreen.model.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.data.SampleOrigin;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.predict.IntervalCalibration;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.predict.TargetEstimate;
import io.reescreen.model.predict.TrainingDomain;
import io.reescreen.model.split.DatasetSplit;
import io.reescreen.model.split.Folds;
import io.reescreen.model.split.SplitSpec;
import io.reescreen.model.split.StratifiedSplitter;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.units.FeatureSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelTrainingTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    /** Few steps: 20 epochs of batches of 16. Enough to check what training records, not how well it learns. */
    private static final TrainingSettings FAST = new TrainingSettings(20, 16, 5e-3f, 1e-2f, 0.03, 42L);
    private static final TrainingRecipe RECIPE = new TrainingRecipe(FeatureSet.PAPER_SIX, 2, FAST);
    private static final PredictionSettings PREDICTION = PredictionSettings.defaults();
    private static final long SPLIT_SEED = 11;
    private static final List<String> UNIT_SUFFIXES = List.of("_ratio", "_pct", "_ppm_mol", "_count");

    private static ModelTraining training;
    private static Dataset data;
    private static DatasetSplit split;
    private static TrainedModel trained;

    @BeforeAll
    static void trainOnce() {
        training = new ModelTraining(RECIPE, PREDICTION, Clock.fixed(NOW, ZoneOffset.UTC));
        data = new SyntheticAshGenerator(SyntheticSpec.withSeed(5)).generate(60);
        split = new StratifiedSplitter(SplitSpec.paper()).split(data, SPLIT_SEED);
        trained = training.train(data, SPLIT_SEED, EnsembleTrainer.Progress.NONE);
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    @Test
    void holdsOutTheStratifiedTestFifthAndFitsOnlyOnTheOtherRows() {
        Map<String, String> summary = trained.artifact().trainingSummary();
        int rowsTrained = Integer.parseInt(summary.get("rows_trained"));
        int rowsTest = Integer.parseInt(summary.get("rows_test"));
        assertEquals(12, rowsTest, "ceil(20 % of 60)");
        assertEquals(data.size(), rowsTrained + rowsTest);
        assertEquals("60", summary.get("rows_total"));
        assertEquals(rowsTest, trained.test().orElseThrow().rows());
        assertEquals(split.test().size(), rowsTest);

        Set<String> testIds = new HashSet<>();
        split.test().samples().forEach(s -> testIds.add(s.sampleId()));
        List<LabelledSample> fitted = new ArrayList<>(split.train().samples());
        fitted.addAll(split.validation().samples());
        assertEquals(rowsTrained, fitted.size());
        assertTrue(fitted.stream().noneMatch(s -> testIds.contains(s.sampleId())), "no held-out row is trained on");

        // Scalers and domain were fitted on exactly the training + validation rows, so nothing of the test rows leaks.
        Dataset fittedRows = new Dataset("fitted", List.of(), fitted);
        double[][] x = fittedRows.inputsMolPct(RECIPE.features());
        ScreeningModel model = trained.model();
        assertEquals(StandardScaler.fit(x), model.inputScaler());
        assertEquals(StandardScaler.fit(fittedRows.targetsPpmMol()), model.targetScaler());
        assertArrayEquals(TrainingDomain.fit(x).median(), model.domain().median(), 1e-12);
        assertNotEquals(StandardScaler.fit(data.inputsMolPct(RECIPE.features())), model.inputScaler(),
                "sanity: fitting on all 60 rows would give another scaler");
    }

    @Test
    void testScoresAreTheEnsemblesOwnOnTheHeldOutRows() {
        // The metrics are scored before the residual term widens the intervals (ModelTraining's comment).
        ScreeningModel withoutResidual = trained.model().sharingEnsembleWithResidual(0); // shares; not closed here
        HoldOutScores expected = HoldOutScores.score(withoutResidual, split.test(), PREDICTION);
        assertEquals(expected, trained.test().orElseThrow());
    }

    @Test
    void metricsAreTheTestScoresAndTheResidualEachNamedWithItsUnit() {
        Map<String, Double> metrics = trained.artifact().metrics();
        for (String name : metrics.keySet()) {
            assertTrue(UNIT_SUFFIXES.stream().anyMatch(name::endsWith), "metric without a unit suffix: " + name);
        }
        Map<String, Double> expected = new LinkedHashMap<>(trained.test().orElseThrow().asMetrics("test_"));
        expected.put("residual_log_sd_ratio", trained.model().residualLogSd());
        assertEquals(expected, metrics);
        assertEquals(12.0, metrics.get("test_rows_count"));
    }

    @Test
    void theResidualIsTheIntervalRuleOnTheHeldOutRowsAndIsServed() {
        ScreeningModel ensembleOnly = trained.model().sharingEnsembleWithLogResidual(0); // shares; not closed here
        double expected = new IntervalCalibration(PREDICTION)
                .add(ensembleOnly, split.test().inputsMolPct(RECIPE.features()), split.test().totalReePpmMol()).residualLogSd();
        assertEquals(expected, trained.artifact().metrics().get("residual_log_sd_ratio"), 0.0);
        assertEquals(expected, trained.model().residualLogSd(), 0.0);
        assertEquals(trained.model().residualLogSd(), trained.artifact().residualLogSd());
        assertEquals(0.0, trained.artifact().residualRelativeSd(), "new models have the log-scale term only");
    }

    @Test
    void crossValidatedTrainingServesTheSameNetworksWithTheFoldsResidual() {
        Dataset thirty = new SyntheticAshGenerator(SyntheticSpec.withSeed(8)).generate(30);
        try (TrainedModel cv = training.trainOnAllRowsCrossValidated(thirty, 3, EnsembleTrainer.Progress.NONE);
             TrainedModel plain = training.trainOnAllRows(thirty, EnsembleTrainer.Progress.NONE)) {
            assertEquals(plain.artifact().weights(), cv.artifact().weights(), "the served networks are the all-rows ones");
            IntervalCalibration byHand = new IntervalCalibration(PREDICTION);
            int[] foldOf = Folds.assign(thirty.size(), 3, RECIPE.settings().seed());
            for (int f = 0; f < 3; f++) {
                Dataset held = thirty.subset("held", Folds.rows(foldOf, f, true));
                try (ScreeningModel fold = EnsembleFitting.fit(thirty.subset("rest", Folds.rows(foldOf, f, false)), RECIPE,
                        EnsembleTrainer.Progress.NONE)) {
                    byHand.add(fold, held.inputsMolPct(RECIPE.features()), held.totalReePpmMol());
                }
            }
            assertEquals(30, byHand.rows());
            assertEquals(byHand.residualLogSd(), cv.model().residualLogSd(), 0.0);
            assertEquals(cv.model().residualLogSd(), cv.artifact().residualLogSd());
            assertEquals(cv.model().residualLogSd(), cv.artifact().metrics().get("residual_log_sd_ratio"));
            assertEquals(30.0, cv.artifact().metrics().get("residual_rows_count"));
            assertTrue(cv.test().isEmpty());
            assertEquals(0.0, plain.model().residualLogSd(), "without cross-validation, no residual term");
        }
    }

    @Test
    void theSummaryRecordsWhatTheModelWasTrainedOn() {
        Map<String, String> summary = trained.artifact().trainingSummary();
        assertEquals(data.name(), summary.get("dataset"));
        assertEquals("SYNTHETIC", summary.get("data_origins"));
        assertEquals("true", summary.get("synthetic"));
        assertEquals(NOW.toString(), summary.get("trained_at"));
        assertEquals(String.join(",", FeatureSet.PAPER_SIX.formulas()), summary.get("features"));
        assertEquals("2", summary.get("members"));
        assertEquals("20", summary.get("epochs"));
        assertEquals("16", summary.get("batch_size"));
        assertEquals("42", summary.get("seed"));
        assertEquals(Double.toString(PREDICTION.thresholdTotalReePpmMol()), summary.get("threshold_total_ree_ppm_mol"));
        assertTrue(summary.get("split").contains("seed " + SPLIT_SEED), summary.get("split"));
    }

    @Test
    void theArtifactSurvivesTheCodecWithItsResidual() throws Exception {
        ModelArtifact artifact = trained.artifact();
        byte[] bytes = ModelArtifactCodec.encode(artifact);
        ModelArtifact decoded = ModelArtifactCodec.decode(bytes);
        assertEquals(artifact.features(), decoded.features());
        assertEquals(artifact.inputScaler(), decoded.inputScaler());
        assertEquals(artifact.targetScaler(), decoded.targetScaler());
        assertEquals(artifact.weights(), decoded.weights());
        assertArrayEquals(artifact.domain().mean(), decoded.domain().mean());
        assertArrayEquals(artifact.domain().median(), decoded.domain().median());
        assertEquals(artifact.trainingSummary(), decoded.trainingSummary());
        assertEquals(artifact.metrics(), decoded.metrics());
        assertEquals(artifact.residualRelativeSd(), decoded.residualRelativeSd());
        assertEquals(artifact.residualLogSd(), decoded.residualLogSd());
        assertArrayEquals(bytes, ModelArtifactCodec.encode(decoded), "re-encoding gives the same bytes");

        double[] lot = split.test().inputsMolPct(RECIPE.features())[0];
        try (ScreeningModel loaded = decoded.load()) {
            assertEquals(trained.model().residualLogSd(), loaded.residualLogSd());
            TargetEstimate served = trained.model().predict(lot, null, PREDICTION).total();
            TargetEstimate reloaded = loaded.predict(lot, null, PREDICTION).total();
            assertEquals(served, reloaded, "the loaded model serves the same intervals, residual included");
        }
    }

    @Test
    void theSameSeedsGiveIdenticalArtifactBytes() {
        // 20 rows: the smallest dataset that still holds out a test fifth.
        Dataset twenty = new SyntheticAshGenerator(SyntheticSpec.withSeed(6)).generate(ModelTraining.MIN_ROWS_FOR_HOLD_OUT);
        try (TrainedModel a = training.train(twenty, 3, EnsembleTrainer.Progress.NONE);
             TrainedModel b = training.train(twenty, 3, EnsembleTrainer.Progress.NONE)) {
            assertEquals("4", a.artifact().trainingSummary().get("rows_test"));
            assertTrue(a.test().isPresent());
            assertArrayEquals(ModelArtifactCodec.encode(a.artifact()), ModelArtifactCodec.encode(b.artifact()));
        }
    }

    @Test
    void belowTwentyRowsEveryRowTrainsAndNothingIsScored() {
        Dataset lab = relabelledAsMeasured(new SyntheticAshGenerator(SyntheticSpec.withSeed(7))
                .generate(ModelTraining.MIN_ROWS_FOR_HOLD_OUT - 1));
        try (TrainedModel small = training.train(lab, SPLIT_SEED, EnsembleTrainer.Progress.NONE)) {
            Map<String, String> summary = small.artifact().trainingSummary();
            assertTrue(small.test().isEmpty());
            assertEquals("19", summary.get("rows_trained"));
            assertEquals("0", summary.get("rows_test"));
            assertEquals("none (too few rows to hold any out)", summary.get("split"));
            assertEquals("false", summary.get("synthetic"));
            assertEquals("MEASURED", summary.get("data_origins"));
            assertEquals(Map.of("residual_log_sd_ratio", 0.0), small.artifact().metrics());
            assertEquals(0.0, small.model().residualLogSd());
            assertEquals(0.0, small.artifact().residualLogSd());
            assertEquals(0.0, small.artifact().residualRelativeSd());
            assertEquals(StandardScaler.fit(lab.inputsMolPct(RECIPE.features())), small.model().inputScaler());
        }
    }

    @Test
    void trainingOnAllRowsHoldsNothingOut() {
        Dataset thirty = new SyntheticAshGenerator(SyntheticSpec.withSeed(8)).generate(30);
        try (TrainedModel all = training.trainOnAllRows(thirty, EnsembleTrainer.Progress.NONE)) {
            Map<String, String> summary = all.artifact().trainingSummary();
            assertTrue(all.test().isEmpty());
            assertEquals("30", summary.get("rows_trained"));
            assertEquals("0", summary.get("rows_test"));
            assertEquals("none (all rows trained)", summary.get("split"));
            assertFalse(all.artifact().metrics().keySet().stream().anyMatch(k -> k.startsWith("test_")),
                    all.artifact().metrics().toString());
            assertEquals(0.0, all.artifact().residualRelativeSd());
            assertEquals(0.0, all.artifact().residualLogSd());
            assertEquals(StandardScaler.fit(thirty.inputsMolPct(RECIPE.features())), all.model().inputScaler());
        }
    }

    @Test
    void progressIsToldEveryEpoch() {
        List<Integer> epochs = new ArrayList<>();
        Dataset few = new SyntheticAshGenerator(SyntheticSpec.withSeed(9)).generate(12);
        try (ScreeningModel model = EnsembleFitting.fit(few, RECIPE.withSettings(FAST.withEpochs(3)),
                (epoch, of, loss) -> epochs.add(epoch))) {
            assertEquals(List.of(1, 2, 3), epochs);
            assertEquals(2, model.ensemble().shape().members());
        }
    }

    @Test
    void fittingNeedsTwoRows() {
        Dataset one = new SyntheticAshGenerator(SyntheticSpec.withSeed(9)).generate(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnsembleFitting.fit(one, RECIPE, EnsembleTrainer.Progress.NONE));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void recipesAreValidatedAndCopiedFieldByField() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingRecipe(FeatureSet.PAPER_SIX, 0, FAST));
        assertThrows(NullPointerException.class, () -> new TrainingRecipe(null, 2, FAST));
        assertThrows(NullPointerException.class, () -> new TrainingRecipe(FeatureSet.PAPER_SIX, 2, null));
        TrainingRecipe paper = TrainingRecipe.paper();
        assertEquals(new TrainingRecipe(FeatureSet.PAPER_SIX, 30, TrainingSettings.paper()), paper);
        assertEquals(new TrainingRecipe(FeatureSet.PAPER_SIX, 5, TrainingSettings.paper()), paper.withMembers(5));
        assertEquals(new TrainingRecipe(FeatureSet.PAPER_SIX, 30, FAST), paper.withSettings(FAST));
        assertEquals(new TrainingRecipe(FeatureSet.ALL_TEN, 30, TrainingSettings.paper()), paper.withFeatures(FeatureSet.ALL_TEN));
        assertEquals(paper, ModelTraining.paper().recipe());
    }

    private static Dataset relabelledAsMeasured(Dataset synthetic) {
        List<LabelledSample> rows = new ArrayList<>();
        for (int i = 0; i < synthetic.size(); i++) {
            LabelledSample s = synthetic.get(i);
            rows.add(new LabelledSample("LAB-" + i, s.oxides(), s.targets(), SampleOrigin.MEASURED));
        }
        return new Dataset("lab rows", List.of(), rows);
    }
}
