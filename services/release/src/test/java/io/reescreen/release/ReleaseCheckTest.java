package io.reescreen.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.EnsembleWeights;
import io.reescreen.model.ensemble.NetworkShape;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.schemas.MajorOxide;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every reason {@link ReleaseCheck} refuses a release for, and what it accepts. The two reasons only a stream can
 * give (UNDECODABLE_RELEASE, KEY_MISMATCH: the record is not a release, or keyed by another name) are the release
 * gate's, tested with it in the screener's ModelHotSwapTest.
 */
class ReleaseCheckTest {

    private static ModelArtifact trained;
    private static ModelRelease good;
    private static byte[] bytes;

    @BeforeAll
    static void aSmallTrainedModelAndItsRelease() {
        Dataset data = new SyntheticAshGenerator(SyntheticSpec.withSeed(1)).generate(40);
        try (ScreeningModel model = EnsembleFitting.fit(data, TrainingRecipe.paper().withMembers(1)
                .withSettings(TrainingSettings.paper().withEpochs(2).withSeed(1)), EnsembleTrainer.Progress.NONE)) {
            trained = ModelArtifact.of(model, Map.of(), Map.of());
        }
        good = release("v3", trained);
        bytes = ModelArtifactCodec.encode(trained);
    }

    @Test
    void aGoodReleaseIsAcceptedWithItsModelLoadedAndItsChecksum() {
        ReleaseVerdict verdict = ReleaseCheck.check(good, InForce.NONE);
        try (CheckedRelease checked = assertInstanceOf(ReleaseVerdict.Accepted.class, verdict).release()) {
            assertEquals(ModelArtifactCodec.sha256Hex(bytes), checked.sha256());
            assertEquals(trained.features(), checked.artifact().features());
            assertEquals(17, checked.model().predict(trained.domain().median(), null,
                    io.reescreen.model.predict.PredictionSettings.defaults()).targets().size());
        }
    }

    @Test
    void theReleaseInForceDeliveredAgainIsNotLoadedAgain() {
        InForce same = new InForce("v3", ModelArtifactCodec.sha256Hex(bytes).toUpperCase(java.util.Locale.ROOT));
        assertInstanceOf(ReleaseVerdict.AlreadyInForce.class, ReleaseCheck.check(good, same));
    }

    @Test
    void aCorruptArtifactIsRefusedByItsChecksumOrByTheCodec() {
        byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 0x40;
        assertRefused(ReleaseRejection.CHECKSUM_MISMATCH, withArtifact(flipped, good.getArtifactSha256()));
        // Corrupt bytes whose release checksum matches (the corruption happened before publishing): the codec's own
        // checksum catches it.
        assertRefused(ReleaseRejection.UNDECODABLE_ARTIFACT, withArtifact(flipped, ModelArtifactCodec.sha256Hex(flipped)));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 100);
        assertRefused(ReleaseRejection.UNDECODABLE_ARTIFACT,
                withArtifact(truncated, ModelArtifactCodec.sha256Hex(truncated)));
        assertRefused(ReleaseRejection.CHECKSUM_MISMATCH, withArtifact(new byte[0], good.getArtifactSha256()));
    }

    @Test
    void aReleaseThatDescribesItselfWronglyIsRefused() {
        assertRefused(ReleaseRejection.UNKNOWN_ACTION, ModelRelease.newBuilder(good).setAction(ReleaseAction.UNKNOWN).build());
        assertRefused(ReleaseRejection.MISSING_VERSION, ModelRelease.newBuilder(good).setVersion(" ").build());
        assertRefused(ReleaseRejection.UNSUPPORTED_FORMAT, ModelRelease.newBuilder(good).setArtifactFormatVersion(99).build());
        assertRefused(ReleaseRejection.UNSUPPORTED_FORMAT, ModelRelease.newBuilder(good).setArtifactFormatVersion(0).build());
        assertRefused(ReleaseRejection.FEATURES_MISMATCH, ModelRelease.newBuilder(good)
                .setFeatures(List.of(MajorOxide.Al2O3, MajorOxide.CaO)).build());
        assertRefused(ReleaseRejection.FEATURES_MISMATCH, ModelRelease.newBuilder(good).setFeatures(List.of()).build());
    }

    @Test
    void aVersionOrModelNameLongerThanAnIdentifierIsRefused() {
        // Both ride on every prediction: longer than an id, they would make those too large to write.
        String detail = assertRefused(ReleaseRejection.ID_TOO_LONG,
                ModelRelease.newBuilder(good).setVersion("v".repeat(300)).build());
        assertTrue(detail.contains("version"), detail);
        detail = assertRefused(ReleaseRejection.ID_TOO_LONG,
                ModelRelease.newBuilder(good).setModelName("m".repeat(300)).build());
        assertTrue(detail.contains("modelName"), detail);
    }

    @Test
    void aVersionNamesOneArtifactAndNeverABootstrapModel() {
        String detail = assertRefused(ReleaseRejection.VERSION_CONFLICT, good, new InForce("v3", "ab".repeat(32)));
        assertTrue(detail.contains("already served"), detail);
        detail = assertRefused(ReleaseRejection.VERSION_CONFLICT,
                ModelRelease.newBuilder(good).setVersion("bootstrap-mine").build(), InForce.NONE);
        assertTrue(detail.contains("reserved for the bootstrap"), detail);
    }

    @Test
    void aModelThatDecodesButIsNoScreeningModelIsRefused() {
        // The network predicts 5 outputs, not 17: it does not even load as a screening model.
        NetworkShape five = NetworkShape.paper(2, trained.features().size()).withOutputs(5);
        ModelArtifact wrongOutputs = new ModelArtifact(trained.features(), trained.inputScaler(),
                new StandardScaler(new double[5], new double[] {1, 1, 1, 1, 1}), trained.domain(),
                EnsembleWeights.initial(five, 1), Map.of(), Map.of());
        String detail = assertRefused(ReleaseRejection.INCOMPATIBLE_MODEL, release("v5", wrongOutputs));
        assertTrue(detail.contains("does not load"), detail);

        // Loads and has 17 outputs, but predicts NaN at the training median: the smoke test catches it.
        double[] mean = trained.targetScaler().mean();
        mean[0] = Double.NaN;
        ModelArtifact nan = new ModelArtifact(trained.features(), trained.inputScaler(),
                new StandardScaler(mean, trained.targetScaler().std()), trained.domain(), trained.weights(), Map.of(),
                Map.of());
        detail = assertRefused(ReleaseRejection.INCOMPATIBLE_MODEL, release("v6", nan));
        assertTrue(detail.contains("non-finite"), detail);
    }

    @Test
    void readingTheArtifactLeavesTheRecordsBufferAsItWas() {
        ByteBuffer buffer = good.getArtifact();
        int position = buffer.position();
        assertEquals(bytes.length, ReleaseCheck.artifactBytes(good).length);
        assertEquals(position, buffer.position());
        assertEquals(bytes.length, ReleaseCheck.artifactBytes(good).length, "readable again");
    }

    private static String assertRefused(ReleaseRejection reason, ModelRelease release) {
        return assertRefused(reason, release, InForce.NONE);
    }

    private static String assertRefused(ReleaseRejection reason, ModelRelease release, InForce inForce) {
        ReleaseVerdict verdict = ReleaseCheck.check(release, inForce);
        ReleaseVerdict.Rejected rejected = assertInstanceOf(ReleaseVerdict.Rejected.class, verdict,
                () -> "expected " + reason + ", got " + verdict);
        assertEquals(reason, rejected.reason(), rejected.detail());
        assertTrue(!rejected.detail().isBlank());
        return rejected.detail();
    }

    private static ModelRelease withArtifact(byte[] artifact, String sha) {
        return ModelRelease.newBuilder(good).setArtifact(ByteBuffer.wrap(artifact)).setArtifactSha256(sha).build();
    }

    /** A release as the retrainer publishes it. */
    private static ModelRelease release(String version, ModelArtifact artifact) {
        byte[] encoded = ModelArtifactCodec.encode(artifact);
        return ModelRelease.newBuilder().setModelName("ree-mtnn").setVersion(version).setAction(ReleaseAction.PUBLISH)
                .setCreatedAt(Instant.parse("2025-06-01T00:00:00Z"))
                .setFeatures(artifact.features().oxides().stream().map(o -> MajorOxide.valueOf(o.formula())).toList())
                .setArtifactFormatVersion(ModelArtifactCodec.FORMAT_VERSION)
                .setArtifact(ByteBuffer.wrap(encoded)).setArtifactSha256(ModelArtifactCodec.sha256Hex(encoded)).build();
    }
}
