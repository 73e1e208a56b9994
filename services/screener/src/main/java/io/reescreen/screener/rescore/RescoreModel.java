package io.reescreen.screener.rescore;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.release.CheckedRelease;
import io.reescreen.release.InForce;
import io.reescreen.release.ReleaseCheck;
import io.reescreen.release.ReleaseVerdict;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.screener.release.ReleaseLoader;
import io.reescreen.screener.serving.ModelInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The model a rescore uses, loaded, with the description every prediction carries: a release of models.releases,
 * checked exactly as a screener checks one before serving it ({@link ReleaseCheck}: action, checksum, format,
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
        ReleaseVerdict verdict = ReleaseCheck.check(release, InForce.NONE);
        if (verdict instanceof ReleaseVerdict.Rejected r) {
            throw new IllegalArgumentException("release " + version + " is one a screener refuses (" + r.reason()
                    + "): " + r.detail());
        }
        CheckedRelease checked = ((ReleaseVerdict.Accepted) verdict).release();
        return new RescoreModel(ReleaseLoader.info(release, checked, System.currentTimeMillis()), checked.model(),
                "release " + release.getAction() + " of " + release.getCreatedAt() + " on models.releases"
                        + (release.getParentVersion() == null ? "" : ", parent " + release.getParentVersion()));
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
}
