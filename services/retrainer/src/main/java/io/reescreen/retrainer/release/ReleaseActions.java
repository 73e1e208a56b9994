package io.reescreen.retrainer.release;

import io.reescreen.model.training.BootstrapModel;
import io.reescreen.replay.ReleaseHistory;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What data teams do by hand on models.releases. A release is self-contained (it carries its artifact), so promoting
 * or rolling back re-publishes an earlier release's record under a new action; the screener serves whatever the
 * latest record on models.served for its model name carries, and a tombstone sends it back to its bootstrap model.
 * The history given is models.served's (what the release gate accepted), so a refused release is never chosen.
 *
 * @see ReleaseHistory the records these work on, oldest first
 */
public final class ReleaseActions {

    private ReleaseActions() {
    }

    /** The release the screener serves now: the latest record of the name, or empty (a tombstone, or none: bootstrap). */
    public static Optional<ModelRelease> current(List<Optional<ModelRelease>> history) {
        return history.isEmpty() ? Optional.empty() : history.get(history.size() - 1);
    }

    /** VERSION served again, with the current version as its parent (so a rollback can come back). */
    public static ModelRelease promote(List<Optional<ModelRelease>> history, String version, Instant now) {
        Objects.requireNonNull(version, "version");
        ModelRelease target = find(history, version).orElseThrow(() -> new IllegalArgumentException(
                "no release " + version + " was ever served (a release the gate refused never is); served: "
                        + versions(history)));
        String from = current(history).map(ModelRelease::getVersion).orElse(null);
        if (version.equals(from)) {
            throw new IllegalArgumentException(version + " is already the served version");
        }
        return ModelRelease.newBuilder(target).setAction(ReleaseAction.PROMOTE).setParentVersion(from).setCreatedAt(now)
                .setNote("promoted by hand" + (from == null ? "" : " over " + from)).build();
    }

    /**
     * Back to the current release's parent. Empty when that parent is a bootstrap model (or none): the caller then
     * publishes a tombstone, which puts every screener back on its bootstrap. A parent that is a release but no
     * longer in the history (compacted away) is refused rather than taken for the bootstrap.
     */
    public static Optional<ModelRelease> rollback(List<Optional<ModelRelease>> history, Instant now) {
        ModelRelease served = current(history).orElseThrow(() -> new IllegalArgumentException(
                "nothing to roll back: the screener already serves its bootstrap model"));
        String parent = served.getParentVersion();
        if (parent == null || parent.startsWith(BootstrapModel.VERSION_PREFIX)) {
            return Optional.empty();
        }
        if (find(history, parent).isEmpty()) {
            throw new IllegalArgumentException(served.getVersion() + "'s parent " + parent
                    + " is no longer in the served history (compacted away); promote a version by name instead: "
                    + versions(history));
        }
        // The restored release keeps the parent it was first published with, so rollbacks walk down the lineage.
        return find(history, parent).map(p -> ModelRelease.newBuilder(p).setAction(ReleaseAction.ROLLBACK)
                .setParentVersion(original(history, parent).getParentVersion()).setCreatedAt(now)
                .setNote("rolled back from " + served.getVersion()).build());
    }

    /** The latest record carrying VERSION. */
    static Optional<ModelRelease> find(List<Optional<ModelRelease>> history, String version) {
        for (int i = history.size() - 1; i >= 0; i--) {
            Optional<ModelRelease> r = history.get(i);
            if (r.isPresent() && r.get().getVersion().equals(version)) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static ModelRelease original(List<Optional<ModelRelease>> history, String version) {
        return history.stream().flatMap(Optional::stream).filter(r -> r.getVersion().equals(version)).findFirst()
                .orElseThrow();
    }

    private static List<String> versions(List<Optional<ModelRelease>> history) {
        return history.stream().flatMap(Optional::stream).map(ModelRelease::getVersion).distinct().toList();
    }
}
