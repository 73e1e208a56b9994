package io.reescreen.screener.release;

import io.reescreen.release.CheckedRelease;
import io.reescreen.release.InForce;
import io.reescreen.release.ReleaseCheck;
import io.reescreen.release.ReleaseKey;
import io.reescreen.release.ReleaseVerdict;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.screener.serving.ModelInfo;
import io.reescreen.screener.serving.ServedModel;

/**
 * A release as this screener serves it: {@link ReleaseCheck}'s verdict against the model in force, and an accepted
 * release's loaded model with the description every prediction carries.
 */
public final class ReleaseLoader {

    private ReleaseLoader() {
    }

    /** The check against the model in force: a re-delivery of it is {@link ReleaseVerdict.AlreadyInForce}. */
    public static ReleaseVerdict check(ModelRelease release, ModelInfo current) {
        return ReleaseCheck.check(release, new InForce(current.version(), current.artifactSha256()));
    }

    /** The check against the model in force under the release's key; {@link InForce#NONE} when it has none yet. */
    public static ReleaseVerdict check(ModelRelease release, java.util.Optional<ModelInfo> current) {
        return current.map(c -> check(release, c)).orElseGet(() -> ReleaseCheck.check(release, InForce.NONE));
    }

    /**
     * The release's own key ({@link ReleaseKey#of}), which its record on models.releases / models.served must carry;
     * empty when its name or site cannot make one (a blank site, a name with '@').
     */
    public static java.util.Optional<ReleaseKey> keyOf(ModelRelease release) {
        try {
            return java.util.Optional.of(ReleaseKey.of(release));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** What every prediction made with an accepted release says about the model. */
    public static ModelInfo info(ModelRelease release, CheckedRelease checked, long nowMs) {
        return new ModelInfo(release.getModelName(), release.getVersion(), release.getParentVersion(),
                release.getAction(), checked.sha256(), checked.artifact().features(),
                checked.artifact().weights().shape().members(), nowMs, release.getSiteId());
    }

    /**
     * The accepted release's model, not yet served (the caller swaps it in or releases it); it takes over the
     * checked release's loaded model.
     *
     * @param nowMs wall clock, recorded as when the model started serving
     */
    public static ServedModel served(ModelRelease release, CheckedRelease checked, long nowMs) {
        return ServedModel.of(info(release, checked, nowMs), checked.model());
    }
}
