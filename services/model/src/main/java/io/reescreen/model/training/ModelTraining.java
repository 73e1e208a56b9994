package io.reescreen.model.training;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.predict.IntervalCalibration;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.split.DatasetSplit;
import io.reescreen.model.split.Folds;
import io.reescreen.model.split.SplitSpec;
import io.reescreen.model.split.StratifiedSplitter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Dataset in, release-ready artifact out: the paper's stratified split, training on the training and
 * validation rows (the hyper-parameters are the paper's, fixed, so no rows are spent choosing them), and
 * the held-out test rows scored into the artifact's metrics. Every artifact records what it was trained on,
 * including whether the rows were lab measurements, teacher labels or synthetic.
 */
public final class ModelTraining {

    /** Below this many rows a test fifth is too small to mean anything, so all rows train and none score. */
    public static final int MIN_ROWS_FOR_HOLD_OUT = 20;

    private final TrainingRecipe recipe;
    private final PredictionSettings prediction;
    private final Clock clock;

    public ModelTraining(TrainingRecipe recipe, PredictionSettings prediction, Clock clock) {
        this.recipe = recipe;
        this.prediction = prediction;
        this.clock = clock;
    }

    public static ModelTraining paper() {
        return new ModelTraining(TrainingRecipe.paper(), PredictionSettings.defaults(), Clock.systemUTC());
    }

    public TrainingRecipe recipe() {
        return recipe;
    }

    /** Trains on {@code data} and scores the held-out fifth chosen by {@code splitSeed}; the caller closes the result. */
    public TrainedModel train(Dataset data, long splitSeed, EnsembleTrainer.Progress progress) {
        return train(data, splitSeed, true, progress);
    }

    /**
     * Trains on every row, holding none out: for when the model's scores come from elsewhere (e.g. a benchmark
     * on other, measured rows). The artifact then carries no test metrics, and its residual term is 0
     * ({@code residual_log_sd_ratio} = 0 in its metrics): its intervals show the ensemble and the input noise only.
     */
    public TrainedModel trainOnAllRows(Dataset data, EnsembleTrainer.Progress progress) {
        return train(data, 0, false, progress);
    }

    /**
     * Trains on every row, and measures the model's error on rows it did not learn from by K-fold cross-validation:
     * {@code folds} more ensembles of the same recipe, each on the other folds, make the intervals of the rows of
     * theirs; {@link IntervalCalibration} turns them into the served model's residual term. Costs {@code folds} more
     * trainings. Below {@link #MIN_ROWS_FOR_HOLD_OUT} rows, as {@link #trainOnAllRows}.
     */
    public TrainedModel trainOnAllRowsCrossValidated(Dataset data, int folds, EnsembleTrainer.Progress progress) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        if (data.size() < MIN_ROWS_FOR_HOLD_OUT) {
            return trainOnAllRows(data, progress);
        }
        IntervalCalibration calibration = new IntervalCalibration(prediction);
        int[] foldOf = Folds.assign(data.size(), folds, recipe.settings().seed());
        for (int f = 0; f < folds; f++) {
            Dataset held = data.subset(data.name() + " [fold " + f + "]", Folds.rows(foldOf, f, true));
            try (ScreeningModel foldModel = EnsembleFitting.fit(data.subset(data.name() + " [not fold " + f + "]",
                    Folds.rows(foldOf, f, false)), recipe, EnsembleTrainer.Progress.NONE)) {
                calibration.add(foldModel, held.inputsMolPct(recipe.features()), held.totalReePpmMol());
            }
        }
        return trainedWithResidual(data, calibration, folds + "-fold cross-validated, seed " + recipe.settings().seed(),
                Map.of("residual_folds_count", (double) folds), progress);
    }

    /**
     * Trains on every row of {@code data} and sets the residual term from {@code calibration}, rows drawn apart from
     * them (e.g. fresh synthetic rows from another seed): the same rule as the cross-validated path, at the cost of
     * predictions only.
     */
    public TrainedModel trainOnAllRowsCalibratedOn(Dataset data, Dataset calibration, EnsembleTrainer.Progress progress) {
        ScreeningModel model = EnsembleFitting.fit(data, recipe, progress);
        try {
            IntervalCalibration rule = new IntervalCalibration(prediction)
                    .add(model, calibration.inputsMolPct(recipe.features()), calibration.totalReePpmMol());
            return served(model, data, rule, "calibrated on " + calibration.name() + " (rows not trained on)", Map.of());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private TrainedModel trainedWithResidual(Dataset data, IntervalCalibration calibration, String how,
                                             Map<String, Double> moreMetrics, EnsembleTrainer.Progress progress) {
        ScreeningModel model = EnsembleFitting.fit(data, recipe, progress);
        try {
            return served(model, data, calibration, how, moreMetrics);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** {@code model} (trained on every row of {@code data}) with the residual term of {@code calibration}. */
    private TrainedModel served(ScreeningModel model, Dataset data, IntervalCalibration calibration, String how,
                                Map<String, Double> moreMetrics) {
        double residual = calibration.residualLogSd();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("residual_log_sd_ratio", residual);
        metrics.put("residual_rows_count", (double) calibration.rows());
        // Cross-validated: each fold's rows at the term the other folds give, i.e. rows neither the networks nor the
        // rule learnt from; the honest coverage of the base model's intervals, with what it costs in width.
        calibration.heldOutCheck().ifPresent(check -> {
            metrics.put("residual_check_coverage_90_ratio", check.coverage90());
            metrics.put("residual_check_coverage_90_mean_width_pct", check.meanWidth90Pct());
        });
        metrics.putAll(moreMetrics);
        ScreeningModel served = model.sharingEnsembleWithLogResidual(residual);
        Map<String, String> summary = summary(data, data, Optional.empty(), 0, false);
        summary.put("residual", how);
        return new TrainedModel(served, ModelArtifact.of(served, summary, metrics), Optional.empty());
    }

    private TrainedModel train(Dataset data, long splitSeed, boolean holdOut, EnsembleTrainer.Progress progress) {
        Dataset train = data;
        Optional<Dataset> test = Optional.empty();
        if (holdOut && data.size() >= MIN_ROWS_FOR_HOLD_OUT) {
            DatasetSplit split = new StratifiedSplitter(SplitSpec.paper()).split(data, splitSeed);
            train = concat(data.name() + " [train+validation]", split.train(), split.validation());
            test = Optional.of(split.test());
        }
        ScreeningModel model = EnsembleFitting.fit(train, recipe, progress);
        try {
            Optional<HoldOutScores> scores = test.map(t -> HoldOutScores.score(model, t, prediction));
            Map<String, Double> metrics = new LinkedHashMap<>();
            scores.ifPresent(s -> metrics.putAll(s.asMetrics("test_")));
            // The held-out rows also say how far off the model is on rows it did not see: that error widens
            // its intervals. (The test coverage above is the ensemble's own, before this widening.)
            double residual = test.map(t -> new IntervalCalibration(prediction)
                    .add(model, t.inputsMolPct(recipe.features()), t.totalReePpmMol()).residualLogSd()).orElse(0.0);
            metrics.put("residual_log_sd_ratio", residual);
            ScreeningModel served = model.sharingEnsembleWithLogResidual(residual);
            ModelArtifact artifact = ModelArtifact.of(served, summary(data, train, test, splitSeed, holdOut), metrics);
            return new TrainedModel(served, artifact, scores);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private Map<String, String> summary(Dataset data, Dataset train, Optional<Dataset> test, long splitSeed, boolean holdOut) {
        TrainingSettings s = recipe.settings();
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("kind", "full training");
        summary.put("trained_at", clock.instant().toString());
        summary.put("dataset", data.name());
        summary.put("data_origins", data.origins().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        summary.put("synthetic", Boolean.toString(data.samples().stream().anyMatch(LabelledSample::isSynthetic)));
        summary.put("rows_total", Integer.toString(data.size()));
        summary.put("rows_trained", Integer.toString(train.size()));
        summary.put("rows_test", Integer.toString(test.map(Dataset::size).orElse(0)));
        summary.put("split", test.isPresent() ? "stratified 5 strata, seed " + splitSeed
                : holdOut ? "none (too few rows to hold any out)" : "none (all rows trained)");
        summary.put("features", String.join(",", recipe.features().formulas()));
        summary.put("members", Integer.toString(recipe.members()));
        summary.put("epochs", Integer.toString(s.epochs()));
        summary.put("batch_size", Integer.toString(s.batchSize()));
        summary.put("learning_rate", Float.toString(s.learningRate()));
        summary.put("weight_decay", Float.toString(s.weightDecay()));
        summary.put("input_noise_relative", Double.toString(s.inputNoiseRelative()));
        summary.put("seed", Long.toString(s.seed()));
        summary.put("threshold_total_ree_ppm_mol", Double.toString(prediction.thresholdTotalReePpmMol()));
        return summary;
    }

    private static Dataset concat(String name, Dataset a, Dataset b) {
        List<LabelledSample> rows = new ArrayList<>(a.samples());
        rows.addAll(b.samples());
        return new Dataset(name, a.notes(), rows);
    }
}
