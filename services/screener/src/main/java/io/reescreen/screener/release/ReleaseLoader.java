package io.reescreen.screener.release;

import io.reescreen.schemas.Identifiers;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.model.artifact.InvalidArtifactException;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.predict.LotPrediction;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.TargetEstimate;
import io.reescreen.screener.enrich.SchemaEnums;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.serving.ModelInfo;
import io.reescreen.screener.serving.ServedModel;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Checks a release and loads its model, or says why not. Nothing it refuses is ever half-loaded: the checksum and
 * the artifact codec come before any weights reach the engine, and a model that loads but fails its smoke test (one
 * prediction at the training median must give 17 finite outputs) is closed again before anyone sees it.
 */
public final class ReleaseLoader {

    /** Smoke-test settings: a handful of draws, any positive threshold. */
    private static final PredictionSettings SMOKE = new PredictionSettings(4, 157.0, 0.03, 1L);
    private static final int OUTPUTS = 17;

    private ReleaseLoader() {
    }

    /** A release was refused. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ReleaseRejection reason;

        Rejected(ReleaseRejection reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        Rejected(ReleaseRejection reason, String detail, Throwable cause) {
            super(detail, cause);
            this.reason = reason;
        }

        public ReleaseRejection reason() {
            return reason;
        }
    }

    /**
     * @param current the model in force
     * @param nowMs   wall clock, recorded as when the new model started serving
     * @return the loaded model, not yet served (the caller swaps it in or releases it); empty when {@code current}
     *         already is this release (a re-delivery, e.g. on restart)
     */
    public static Optional<ServedModel> load(ModelRelease release, ModelInfo current, long nowMs) throws Rejected {
        return load(release, current.version(), current.artifactSha256(), nowMs);
    }

    /**
     * The same check against the version and artifact last accepted under the release's name (the release gate's
     * view, which serves nothing).
     *
     * @param currentVersion null when nothing was accepted under this name yet
     */
    public static Optional<ServedModel> load(ModelRelease release, String currentVersion, String currentSha256,
                                             long nowMs) throws Rejected {
        ReleaseAction action = release.getAction();
        if (action == null || action == ReleaseAction.UNKNOWN) {
            throw new Rejected(ReleaseRejection.UNKNOWN_ACTION, "action " + action + " is not one this screener knows");
        }
        String version = release.getVersion();
        if (version == null || version.isBlank()) {
            throw new Rejected(ReleaseRejection.MISSING_VERSION, "version is blank");
        }
        // Version and name ride on every prediction, alert and verdict: unbounded, they would make those outputs too
        // large to write.
        Optional<String> tooLong = Identifiers.problem("version", version)
                .or(() -> Identifiers.problem("modelName", release.getModelName()));
        if (tooLong.isPresent()) {
            throw new Rejected(ReleaseRejection.ID_TOO_LONG, tooLong.get());
        }
        if (version.startsWith(CurrentModel.BOOTSTRAP_PREFIX)) {
            throw new Rejected(ReleaseRejection.VERSION_CONFLICT, "version '" + version + "' uses the prefix "
                    + CurrentModel.BOOTSTRAP_PREFIX + " reserved for the bootstrap model");
        }
        // The codec reads older formats too and checks the bytes' own header; this only refuses what is surely newer.
        if (release.getArtifactFormatVersion() < 1 || release.getArtifactFormatVersion() > ModelArtifactCodec.FORMAT_VERSION) {
            throw new Rejected(ReleaseRejection.UNSUPPORTED_FORMAT, "artifactFormatVersion "
                    + release.getArtifactFormatVersion() + "; this build reads up to " + ModelArtifactCodec.FORMAT_VERSION);
        }
        byte[] bytes = bytes(release.getArtifact());
        String sha = ModelArtifactCodec.sha256Hex(bytes);
        if (!sha.equalsIgnoreCase(release.getArtifactSha256())) {
            throw new Rejected(ReleaseRejection.CHECKSUM_MISMATCH, "artifact (" + bytes.length + " bytes) has SHA-256 "
                    + sha + ", the release says " + release.getArtifactSha256());
        }
        if (version.equals(currentVersion)) {
            if (sha.equalsIgnoreCase(currentSha256)) {
                return Optional.empty();
            }
            throw new Rejected(ReleaseRejection.VERSION_CONFLICT, "version " + version
                    + " is already served with artifact " + currentSha256 + ", this release carries " + sha);
        }
        ModelArtifact artifact;
        try {
            artifact = ModelArtifactCodec.decode(bytes);
        } catch (InvalidArtifactException e) {
            throw new Rejected(ReleaseRejection.UNDECODABLE_ARTIFACT, e.getMessage(), e);
        }
        List<String> declared = release.getFeatures().stream().map(o -> SchemaEnums.oxide(o).formula()).toList();
        if (!declared.equals(artifact.features().formulas())) {
            throw new Rejected(ReleaseRejection.FEATURES_MISMATCH, "the release declares features " + declared
                    + ", the artifact has " + artifact.features().formulas());
        }
        ModelInfo info = new ModelInfo(release.getModelName(), version, release.getParentVersion(), action, sha,
                artifact.features(), artifact.weights().shape().members(), nowMs);
        ServedModel loaded;
        try {
            loaded = ServedModel.load(info, artifact);
        } catch (RuntimeException e) {
            throw new Rejected(ReleaseRejection.INCOMPATIBLE_MODEL, "the artifact does not load as a screening model: "
                    + e.getMessage(), e);
        }
        try {
            smokeTest(loaded, artifact);
        } catch (Rejected | RuntimeException e) {
            loaded.release();
            if (e instanceof Rejected r) {
                throw r;
            }
            throw new Rejected(ReleaseRejection.INCOMPATIBLE_MODEL, "smoke prediction failed: " + e, e);
        }
        return Optional.of(loaded);
    }

    private static void smokeTest(ServedModel loaded, ModelArtifact artifact) throws Rejected {
        LotPrediction p = loaded.trial(artifact.domain().median(), SMOKE);
        if (p.targets().size() != OUTPUTS) {
            throw new Rejected(ReleaseRejection.INCOMPATIBLE_MODEL, "the model gives " + p.targets().size()
                    + " outputs, not " + OUTPUTS);
        }
        for (TargetEstimate t : p.targets()) {
            if (!Double.isFinite(t.meanPpmMol()) || !Double.isFinite(t.p05PpmMol()) || !Double.isFinite(t.p95PpmMol())) {
                throw new Rejected(ReleaseRejection.INCOMPATIBLE_MODEL, "non-finite prediction for " + t.target()
                        + " at the training median: " + t);
            }
        }
    }

    /** The artifact bytes without disturbing the buffer's position (the record may be read again). */
    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

}
