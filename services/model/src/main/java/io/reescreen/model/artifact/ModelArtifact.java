package io.reescreen.model.artifact;

import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.EnsembleWeights;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.predict.TrainingDomain;
import io.reescreen.model.units.FeatureSet;
import java.util.Map;

/**
 * Everything needed to serve a trained ensemble, as host values: what travels in a model release.
 *
 * @param trainingSummary free-form facts about the training run (data set, rows, seed, settings)
 * @param metrics         evaluation results, each name ending in its unit (e.g. {@code test_mape_total_pct})
 * @param residualRelativeSd the out-of-sample relative error the intervals of artifacts before format 3 add to the
 *                        ensemble's own spread (see {@link ScreeningModel}); 0 for none
 * @param residualLogSd   format 3 on: the log-scale residual {@code IntervalCalibration} sets from rows the model did
 *                        not learn from; 0 for none (every older artifact). At most one of the two is non-zero
 */
public record ModelArtifact(FeatureSet features, StandardScaler inputScaler, StandardScaler targetScaler,
                            TrainingDomain domain, EnsembleWeights weights, Map<String, String> trainingSummary,
                            Map<String, Double> metrics, double residualRelativeSd, double residualLogSd) {

    /** Units of the model's boundary, written into every artifact so a reader never has to guess. */
    public static final String INPUT_UNIT = "mol % of the oxide, renormalised over the ten major oxides";
    public static final String TARGET_UNIT = "ppm by mole of the REE oxide (total REE = sum of the 16)";

    public ModelArtifact {
        trainingSummary = Map.copyOf(trainingSummary);
        metrics = Map.copyOf(metrics);
        if (!(residualRelativeSd >= 0) || !Double.isFinite(residualRelativeSd)) {
            throw new IllegalArgumentException("residual relative sd must be finite and >= 0, got " + residualRelativeSd);
        }
        if (!(residualLogSd >= 0) || !Double.isFinite(residualLogSd)) {
            throw new IllegalArgumentException("residual log sd must be finite and >= 0, got " + residualLogSd);
        }
        if (residualRelativeSd > 0 && residualLogSd > 0) {
            throw new IllegalArgumentException("an artifact has one residual term, relative or log-scale, not both");
        }
    }

    /** With the relative residual term only (as artifacts before format 3). */
    public ModelArtifact(FeatureSet features, StandardScaler inputScaler, StandardScaler targetScaler,
                         TrainingDomain domain, EnsembleWeights weights, Map<String, String> trainingSummary,
                         Map<String, Double> metrics, double residualRelativeSd) {
        this(features, inputScaler, targetScaler, domain, weights, trainingSummary, metrics, residualRelativeSd, 0);
    }

    /** Without a residual term. */
    public ModelArtifact(FeatureSet features, StandardScaler inputScaler, StandardScaler targetScaler,
                         TrainingDomain domain, EnsembleWeights weights, Map<String, String> trainingSummary,
                         Map<String, Double> metrics) {
        this(features, inputScaler, targetScaler, domain, weights, trainingSummary, metrics, 0, 0);
    }

    /** Loads the weights onto the engine's device: the caller owns (and closes) the model. */
    public ScreeningModel load() {
        return new ScreeningModel(features, inputScaler, targetScaler, domain, BatchedEnsemble.load(weights), residualRelativeSd,
                residualLogSd);
    }

    /** The artifact of a model being served (e.g. after training or transfer). */
    public static ModelArtifact of(ScreeningModel model, Map<String, String> trainingSummary, Map<String, Double> metrics) {
        return new ModelArtifact(model.features(), model.inputScaler(), model.targetScaler(), model.domain(),
                model.ensemble().weights(), trainingSummary, metrics, model.residualRelativeSd(), model.residualLogSd());
    }
}
