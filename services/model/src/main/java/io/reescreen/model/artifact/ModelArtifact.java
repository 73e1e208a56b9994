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
 * @param residualRelativeSd the out-of-sample relative error the intervals add to the ensemble's own spread
 *                        (see {@link ScreeningModel}); 0 for none
 */
public record ModelArtifact(FeatureSet features, StandardScaler inputScaler, StandardScaler targetScaler,
                            TrainingDomain domain, EnsembleWeights weights, Map<String, String> trainingSummary,
                            Map<String, Double> metrics, double residualRelativeSd) {

    /** Units of the model's boundary, written into every artifact so a reader never has to guess. */
    public static final String INPUT_UNIT = "mol % of the oxide, renormalised over the ten major oxides";
    public static final String TARGET_UNIT = "ppm by mole of the REE oxide (total REE = sum of the 16)";

    public ModelArtifact {
        trainingSummary = Map.copyOf(trainingSummary);
        metrics = Map.copyOf(metrics);
        if (!(residualRelativeSd >= 0) || !Double.isFinite(residualRelativeSd)) {
            throw new IllegalArgumentException("residual relative sd must be finite and >= 0, got " + residualRelativeSd);
        }
    }

    /** Without a residual term. */
    public ModelArtifact(FeatureSet features, StandardScaler inputScaler, StandardScaler targetScaler,
                         TrainingDomain domain, EnsembleWeights weights, Map<String, String> trainingSummary,
                         Map<String, Double> metrics) {
        this(features, inputScaler, targetScaler, domain, weights, trainingSummary, metrics, 0);
    }

    /** Loads the weights onto the engine's device: the caller owns (and closes) the model. */
    public ScreeningModel load() {
        return new ScreeningModel(features, inputScaler, targetScaler, domain, BatchedEnsemble.load(weights), residualRelativeSd);
    }

    /** The artifact of a model being served (e.g. after training or transfer). */
    public static ModelArtifact of(ScreeningModel model, Map<String, String> trainingSummary, Map<String, Double> metrics) {
        return new ModelArtifact(model.features(), model.inputScaler(), model.targetScaler(), model.domain(),
                model.ensemble().weights(), trainingSummary, metrics, model.residualRelativeSd());
    }
}
