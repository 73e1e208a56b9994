package io.reescreen.retrainer.replay;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.release.CheckedRelease;
import io.reescreen.release.InForce;
import io.reescreen.release.ReleaseCheck;
import io.reescreen.release.ReleaseVerdict;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.schemas.ModelRelease;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import io.reescreen.release.ReleaseKey;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The model a replayed challenger must beat: the champion the retrainer service would have now, i.e. the latest
 * record of the model name on models.releases that a screener serves (by the release gate's own rule,
 * {@link ReleaseCheck}, as {@code ChampionTracker} decides: a release the gate refuses is passed over, the one before
 * it stays), or, when there is none or the latest record is a tombstone, the bootstrap model, named as the services
 * name it ({@link BootstrapModel#version()}).
 *
 * @param source a sentence for the summary
 */
public record ReplayChampion(String version, ModelArtifact artifact, String source)
        implements RetrainingLoop.ChampionSource {

    public ReplayChampion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(source, "source");
    }

    /**
     * @param history   the model name's records on models.releases, oldest first ({@code ReleaseHistory.read})
     * @param bootstrap the bootstrap model (e.g. {@code --base-model FILE}), asked for only when no release is in force
     * @throws IllegalArgumentException when no release is in force and there is no bootstrap model
     */
    public static ReplayChampion resolve(String modelName, List<Optional<ModelRelease>> history,
                                         Optional<Supplier<BootstrapModel>> bootstrap) {
        List<String> passedOver = new ArrayList<>();
        String why = history.isEmpty() ? "none was ever published" : "none that a screener serves";
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).isEmpty()) {
                why = "the latest record is a tombstone: the screeners serve their bootstrap model";
                break;
            }
            ModelRelease release = history.get(i).get();
            ReleaseVerdict verdict = ReleaseCheck.check(release, InForce.NONE);
            if (verdict instanceof ReleaseVerdict.Rejected r) {
                passedOver.add(release.getVersion() + " (" + r.reason() + ": " + r.detail() + ")");
                continue;
            }
            try (CheckedRelease checked = ((ReleaseVerdict.Accepted) verdict).release()) {
                return new ReplayChampion(release.getVersion(), checked.artifact(), "current release on models.releases, "
                        + release.getAction() + " of " + release.getCreatedAt() + passedOver(passedOver));
            }
        }
        String reason = why;
        BootstrapModel model = bootstrap.orElseThrow(() -> new IllegalArgumentException("no release of " + modelName
                + " in force on models.releases (" + reason + "): give the bootstrap model the challenger must beat "
                + "with --base-model FILE (a model artifact)")).get();
        return new ReplayChampion(model.version(), model.artifact(), "bootstrap model (no release in force: " + reason
                + "), " + model.source() + passedOver(passedOver));
    }

    /**
     * A site's own model in force: the latest record of its key that a screener serves; empty when it has none (never
     * published, or a tombstone), so the base model is the site's champion.
     *
     * @param history the site key's records on models.releases, oldest first
     */
    public static Optional<ReplayChampion> resolveSite(ReleaseKey key, List<Optional<ModelRelease>> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).isEmpty()) {
                return Optional.empty();
            }
            ModelRelease release = history.get(i).get();
            if (ReleaseCheck.check(release, InForce.NONE) instanceof ReleaseVerdict.Accepted a) {
                try (CheckedRelease checked = a.release()) {
                    return Optional.of(new ReplayChampion(release.getVersion(), checked.artifact(), "current release of "
                            + key + " on models.releases, " + release.getAction() + " of " + release.getCreatedAt()));
                }
            }
        }
        return Optional.empty();
    }

    /** With {@code --base-model FILE}: that file. */
    public static Optional<Supplier<BootstrapModel>> bootstrapFile(Optional<Path> file) {
        return file.map(f -> () -> BootstrapModel.fromFile(f, "--base-model"));
    }

    private static String passedOver(List<String> versions) {
        return versions.isEmpty() ? "" : "; passed over, as the screeners refuse them: " + String.join(", ", versions);
    }
}
