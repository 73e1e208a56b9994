package io.reescreen.screener.testing;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.model.contract.SchemaEnums;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

/**
 * A tiny ensemble trained once per test JVM on synthetic data (5 members, 40 epochs, as the model library's own
 * tests do), and artifacts derived from it without training again: shifting the total-REE output scaler makes a
 * model whose every lot is certainly high (or certainly low), which pins alert tests down.
 */
public final class TestModels {

    public static final FeatureSet FEATURES = FeatureSet.PAPER_SIX;
    private static ModelArtifact trained;

    private TestModels() {
    }

    /** The trained tiny model's artifact (trained on first use, then shared). */
    public static synchronized ModelArtifact trained() {
        if (trained == null) {
            Dataset data = new SyntheticAshGenerator(SyntheticSpec.withSeed(3)).generate(120);
            TrainingRecipe recipe = new TrainingRecipe(FEATURES, 5, TrainingSettings.paper().withEpochs(40));
            try (ScreeningModel model = EnsembleFitting.fit(data, recipe, EnsembleTrainer.Progress.NONE)) {
                trained = ModelArtifact.of(model, Map.of("data", "synthetic seed 3, 120 rows", "epochs", "40"),
                        Map.of());
            }
        }
        return trained;
    }

    /** The trained model with every total-REE prediction moved by {@code deltaPpmMol}. */
    public static ModelArtifact shifted(double deltaPpmMol) {
        ModelArtifact a = trained();
        double[] mean = a.targetScaler().mean();
        mean[0] += deltaPpmMol;
        return new ModelArtifact(a.features(), a.inputScaler(), new StandardScaler(mean, a.targetScaler().std()),
                a.domain(), a.weights(), Map.of("derived", "total shifted by " + deltaPpmMol), Map.of());
    }

    /** Every lot far above any threshold in use. */
    public static ModelArtifact certainlyHigh() {
        return shifted(100_000);
    }

    /** Every lot far below any threshold in use (totals negative: a test model, not chemistry). */
    public static ModelArtifact certainlyLow() {
        return shifted(-100_000);
    }

    /** A release as the retrainer would publish it. */
    public static ModelRelease release(String name, String version, ReleaseAction action, ModelArtifact artifact) {
        byte[] bytes = ModelArtifactCodec.encode(artifact);
        return ModelRelease.newBuilder()
                .setModelName(name)
                .setVersion(version)
                .setAction(action)
                .setCreatedAt(Instant.parse("2025-06-01T00:00:00Z"))
                .setFeatures(artifact.features().oxides().stream().map(SchemaEnums::oxide).toList())
                .setArtifactFormatVersion(ModelArtifactCodec.FORMAT_VERSION)
                .setArtifact(ByteBuffer.wrap(bytes))
                .setArtifactSha256(ModelArtifactCodec.sha256Hex(bytes))
                .build();
    }
}
