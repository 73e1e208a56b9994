package io.reescreen.screener.rescore;

import io.reescreen.model.artifact.InvalidArtifactException;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.screener.release.ReleaseLoader;
import io.reescreen.screener.serving.ModelInfo;
import io.reescreen.screener.serving.ServedModel;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The model a rescore uses, loaded, with the description every prediction carries: a release of models.releases,
 * checked exactly as a screener checks one before serving it ({@link ReleaseLoader}: action, checksum, format,
 * features, a smoke prediction), or an artifact file, named as a screener started with that file names it
 * ({@link BootstrapModel#version()}, {@code bootstrap-file-<sha>}).
 *
 * @param source a sentence for the summary
 */
public record RescoreModel(ModelInfo info, ScreeningModel model, String source) implements AutoCloseable {

    public RescoreModel {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
    }

    /**
     * @param releases the model name's releases on models.releases ({@link ReleaseRecords#read})
     * @throws IllegalArgumentException when no release has that version, or a screener would refuse it
     */
    public static RescoreModel ofRelease(List<ModelRelease> releases, String version, String modelName) {
        ModelRelease release = null;
        for (ModelRelease r : releases) {
            if (r.getVersion().equals(version)) {
                release = r; // the latest record of the version wins (a promotion re-sends the same artifact)
            }
        }
        if (release == null) {
            throw new IllegalArgumentException("no release " + version + " of " + modelName + " on models.releases; "
                    + (releases.isEmpty() ? "it has none" : "known: " + releases.stream().map(ModelRelease::getVersion)
                    .distinct().toList()) + " (the topic is compacted: only the latest release per name is sure to "
                    + "stay; use --model-file for an older artifact)");
        }
        // Nothing is served here: a description no release can match, so the loader checks everything.
        ModelInfo nothingServed = new ModelInfo(modelName, "(none)", null, null, "", FeatureSet.PAPER_SIX, 0, 0);
        ServedModel checked;
        try {
            checked = ReleaseLoader.load(release, nothingServed, System.currentTimeMillis()).orElseThrow();
        } catch (ReleaseLoader.Rejected e) {
            throw new IllegalArgumentException("release " + version + " is one a screener refuses (" + e.reason() + "): "
                    + e.getMessage(), e);
        }
        ModelInfo info = checked.info();
        checked.release();
        ModelArtifact artifact = decode(bytes(release.getArtifact()), "release " + version);
        return new RescoreModel(info, artifact.load(), "release " + release.getAction() + " of " + release.getCreatedAt()
                + " on models.releases" + (release.getParentVersion() == null ? "" : ", parent " + release.getParentVersion()));
    }

    /** An artifact file (e.g. from {@code ./reescreen model train} or {@code retrain --out}). */
    public static RescoreModel ofFile(Path file, String modelName) {
        BootstrapModel m = BootstrapModel.fromFile(file, "--model-file");
        ModelArtifact artifact = m.artifact();
        String sha = ModelArtifactCodec.sha256Hex(ModelArtifactCodec.encode(artifact));
        ModelInfo info = new ModelInfo(modelName, m.version(), null, null, sha, artifact.features(),
                artifact.weights().shape().members(), System.currentTimeMillis());
        return new RescoreModel(info, artifact.load(), m.source());
    }

    @Override
    public void close() {
        model.close();
    }

    private static ModelArtifact decode(byte[] bytes, String what) {
        try {
            return ModelArtifactCodec.decode(bytes);
        } catch (InvalidArtifactException e) {
            throw new IllegalArgumentException(what + " does not decode: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
