package io.reescreen.model.comparison;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.Gaussian;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.evaluation.LinearRegressionBaseline;
import io.reescreen.model.evaluation.RegressionMetrics;
import io.reescreen.model.evaluation.ScreeningMetrics;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.split.DatasetSplit;
import io.reescreen.model.split.SplitSpec;
import io.reescreen.model.split.StratifiedSplitter;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The paper's comparison (its Table 2 and Fig. 4): linear regression, a single-task network, a multi-task
 * network and the multi-task ensemble, each trained on the same stratified split and scored on the same
 * test rows, repeated with a new split each time. Networks train on the training and validation rows, since
 * the hyper-parameters are fixed (the paper's grid search result) rather than chosen on the validation rows.
 */
public final class PaperComparison {

    /** Told after each repetition, for progress on long runs. */
    public interface Listener {
        void repetitionDone(int done, int of);

        Listener NONE = (done, of) -> { };
    }

    private final ComparisonSettings settings;

    public PaperComparison(ComparisonSettings settings) {
        this.settings = settings;
    }

    public ComparisonTable run(Dataset data, Listener listener) {
        StratifiedSplitter splitter = new StratifiedSplitter(SplitSpec.paper());
        TrainingRecipe recipe = settings.ensemble();
        Map<Contender, List<RepetitionScores>> scores = new EnumMap<>(Contender.class);
        int trainRows = 0;
        int testRows = 0;
        for (int r = 0; r < settings.repetitions(); r++) {
            long seed = settings.seed() + r;
            DatasetSplit split = splitter.split(data, seed);
            List<LabelledSample> rows = new ArrayList<>(split.train().samples());
            rows.addAll(split.validation().samples());
            Dataset train = new Dataset(data.name() + " [train]", data.notes(), rows);
            trainRows = train.size();
            testRows = split.test().size();
            double[][] x = train.inputsMolPct(recipe.features());
            double[][] y = train.targetsPpmMol();
            TrainingSettings networkSettings = recipe.settings().withSeed(recipe.settings().seed() + 1000L * r);
            for (Contender c : Contender.values()) {
                try (TotalReeRegressor model = fit(c, x, y, recipe, networkSettings)) {
                    scores.computeIfAbsent(c, k -> new ArrayList<>()).add(score(model, split.test(), seed));
                }
            }
            listener.repetitionDone(r + 1, settings.repetitions());
        }
        return new ComparisonTable(settings, trainRows, testRows, scores);
    }

    private static TotalReeRegressor fit(Contender contender, double[][] x, double[][] y, TrainingRecipe recipe,
                                         TrainingSettings networkSettings) {
        return switch (contender) {
            case LINEAR -> {
                LinearRegressionBaseline linear = LinearRegressionBaseline.fit(x, totalsOnly(y));
                yield inputs -> column0(linear.predict(inputs));
            }
            case SINGLE_TASK_NN -> SingleTaskNetwork.fit(x, column0(y), networkSettings);
            case MULTI_TASK_NN -> ensembleOf(EnsembleFitting.fit(x, y,
                    recipe.withMembers(1).withSettings(networkSettings), EnsembleTrainer.Progress.NONE));
            case MULTI_TASK_ENSEMBLE -> ensembleOf(EnsembleFitting.fit(x, y,
                    recipe.withSettings(networkSettings), EnsembleTrainer.Progress.NONE));
        };
    }

    private static TotalReeRegressor ensembleOf(ScreeningModel model) {
        return new TotalReeRegressor() {
            @Override
            public double[] predictTotalPpmMol(double[][] inputsMolPct) {
                return column0(model.pointPredictions(inputsMolPct));
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }

    private RepetitionScores score(TotalReeRegressor model, Dataset test, long seed) {
        double[][] x = test.inputsMolPct(settings.ensemble().features());
        double[] truth = test.totalReePpmMol();
        double[] predicted = model.predictTotalPpmMol(x);
        List<Double> sensitivity = new ArrayList<>();
        for (double level : settings.noiseLevels()) {
            sensitivity.add(noiseSensitivityPct(model, x, predicted, level, new SplittableRandom(seed)));
        }
        return new RepetitionScores(RegressionMetrics.r2(truth, predicted), RegressionMetrics.mapePct(truth, predicted),
                RegressionMetrics.maeOverMeanPct(truth, predicted),
                ScreeningMetrics.at(truth, predicted, settings.thresholdPpmMol()), sensitivity);
    }

    /** RMS of (f(x') - f(x)) / f(x) over noisy copies x' = x (1 + level N(0,1)) of every row, in %; one batch. */
    private double noiseSensitivityPct(TotalReeRegressor model, double[][] x, double[] clean, double level,
                                       SplittableRandom random) {
        int draws = settings.noiseDraws();
        double[][] noisy = new double[x.length * draws][];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < draws; d++) {
                double[] row = new double[x[i].length];
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.max(0, x[i][j] * (1 + level * Gaussian.draw(random)));
                }
                noisy[i * draws + d] = row;
            }
        }
        double[] predicted = model.predictTotalPpmMol(noisy);
        double sum = 0;
        for (int k = 0; k < predicted.length; k++) {
            double relative = (predicted[k] - clean[k / draws]) / clean[k / draws];
            sum += relative * relative;
        }
        return 100 * Math.sqrt(sum / predicted.length);
    }

    private static double[][] totalsOnly(double[][] y) {
        double[][] totals = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            totals[i] = new double[] {y[i][0]};
        }
        return totals;
    }

    private static double[] column0(double[][] values) {
        double[] column = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            column[i] = values[i][0];
        }
        return column;
    }
}
