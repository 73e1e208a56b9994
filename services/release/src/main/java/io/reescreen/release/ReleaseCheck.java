package io.reescreen.release;

import io.reescreen.model.artifact.InvalidArtifactException;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.predict.LotPrediction;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.predict.TargetEstimate;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.schemas.Identifiers;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one rule for whether a release is a model the screeners serve: a known action; a version that is not blank, not
 * a bootstrap model's and, like the model name, no longer than an identifier; a format this build reads; the SHA-256
 * it declares; bytes the codec reads; the features it declares; and a model that loads and, at the training median,
 * gives 17 finite outputs. The screener's release gate applies it before anything reaches models.served, the
 * retrainer before taking a release as champion or as a replay's parent, so neither takes what the other refuses.
 *
 * <p>Nothing it refuses is ever half-loaded: the checksum and the codec come before any weights reach the engine, and
 * a model that fails its smoke test is closed again before the verdict is returned.
 */
public final class ReleaseCheck {

    /** Smoke-test settings: a handful of draws, any positive threshold. */
    private static final PredictionSettings SMOKE = new PredictionSettings(4, 157.0, 0.03, 1L);
    /** Total REE and the 16 oxides (ReeTargetsPpmMol). */
    private static final int OUTPUTS = 17;

    private ReleaseCheck() {
    }

    /**
     * @param inForce the version and artifact last accepted under the release's name ({@link InForce#NONE} when none
     *                counts: then one version string naming two artifacts is not noticed)
     * @return accepted (the caller owns the loaded model: it serves or closes it), already in force (a re-delivery,
     *         nothing loaded), or rejected with the reason and a sentence saying what was wrong
     */
    public static ReleaseVerdict check(ModelRelease release, InForce inForce) {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(inForce, "inForce");
        ReleaseAction action = release.getAction();
        if (action == null || action == ReleaseAction.UNKNOWN) {
            return rejected(ReleaseRejection.UNKNOWN_ACTION, "action " + action + " is not one this screener knows");
        }
        String version = release.getVersion();
        if (version == null || version.isBlank()) {
            return rejected(ReleaseRejection.MISSING_VERSION, "version is blank");
        }
        // Version and name ride on every prediction, alert and verdict: unbounded, they would make those outputs too
        // large to write.
        Optional<String> tooLong = Identifiers.problem("version", version)
                .or(() -> Identifiers.problem("modelName", release.getModelName()));
        if (tooLong.isPresent()) {
            return rejected(ReleaseRejection.ID_TOO_LONG, tooLong.get());
        }
        if (version.startsWith(BootstrapModel.VERSION_PREFIX)) {
            return rejected(ReleaseRejection.VERSION_CONFLICT, "version '" + version + "' uses the prefix "
                    + BootstrapModel.VERSION_PREFIX + " reserved for the bootstrap model");
        }
        // The codec reads older formats too and checks the bytes' own header; this only refuses what is surely newer.
        int format = release.getArtifactFormatVersion();
        if (format < 1 || format > ModelArtifactCodec.FORMAT_VERSION) {
            return rejected(ReleaseRejection.UNSUPPORTED_FORMAT, "artifactFormatVersion " + format
                    + "; this build reads up to " + ModelArtifactCodec.FORMAT_VERSION);
        }
        byte[] bytes = artifactBytes(release);
        String sha = ModelArtifactCodec.sha256Hex(bytes);
        if (!sha.equalsIgnoreCase(release.getArtifactSha256())) {
            return rejected(ReleaseRejection.CHECKSUM_MISMATCH, "artifact (" + bytes.length + " bytes) has SHA-256 "
                    + sha + ", the release says " + release.getArtifactSha256());
        }
        if (version.equals(inForce.version())) {
            if (sha.equalsIgnoreCase(inForce.sha256())) {
                return new ReleaseVerdict.AlreadyInForce();
            }
            return rejected(ReleaseRejection.VERSION_CONFLICT, "version " + version
                    + " is already served with artifact " + inForce.sha256() + ", this release carries " + sha);
        }
        ModelArtifact artifact;
        try {
            artifact = ModelArtifactCodec.decode(bytes);
        } catch (InvalidArtifactException e) {
            return rejected(ReleaseRejection.UNDECODABLE_ARTIFACT, e.getMessage());
        }
        // The schema names oxides by formula (SiO2), as the artifact's feature set does.
        List<String> declared = release.getFeatures().stream().map(Enum::name).toList();
        if (!declared.equals(artifact.features().formulas())) {
            return rejected(ReleaseRejection.FEATURES_MISMATCH, "the release declares features " + declared
                    + ", the artifact has " + artifact.features().formulas());
        }
        return loadAndTry(artifact, sha);
    }

    /** The artifact bytes without disturbing the buffer's position (the record may be read again). */
    public static byte[] artifactBytes(ModelRelease release) {
        ByteBuffer buffer = release.getArtifact();
        if (buffer == null) {
            return new byte[0];
        }
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    private static ReleaseVerdict loadAndTry(ModelArtifact artifact, String sha) {
        ScreeningModel model;
        try {
            model = artifact.load();
        } catch (RuntimeException e) {
            return rejected(ReleaseRejection.INCOMPATIBLE_MODEL, "the artifact does not load as a screening model: "
                    + e.getMessage());
        }
        Optional<String> smokeProblem;
        try {
            smokeProblem = smokeTest(model, artifact);
        } catch (RuntimeException e) {
            smokeProblem = Optional.of("smoke prediction failed: " + e);
        }
        if (smokeProblem.isPresent()) {
            model.close();
            return rejected(ReleaseRejection.INCOMPATIBLE_MODEL, smokeProblem.get());
        }
        return new ReleaseVerdict.Accepted(new CheckedRelease(sha.toLowerCase(java.util.Locale.ROOT), artifact, model));
    }

    /** One prediction at the training median must give 17 finite outputs. */
    private static Optional<String> smokeTest(ScreeningModel model, ModelArtifact artifact) {
        LotPrediction p = model.predict(artifact.domain().median(), null, SMOKE);
        if (p.targets().size() != OUTPUTS) {
            return Optional.of("the model gives " + p.targets().size() + " outputs, not " + OUTPUTS);
        }
        for (TargetEstimate t : p.targets()) {
            if (!Double.isFinite(t.meanPpmMol()) || !Double.isFinite(t.p05PpmMol()) || !Double.isFinite(t.p95PpmMol())) {
                return Optional.of("non-finite prediction for " + t.target() + " at the training median: " + t);
            }
        }
        return Optional.empty();
    }

    private static ReleaseVerdict rejected(ReleaseRejection reason, String detail) {
        return new ReleaseVerdict.Rejected(reason, detail);
    }
}
