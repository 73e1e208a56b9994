package io.reescreen.model.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.ensemble.EnsembleWeights;
import io.reescreen.model.ensemble.NetworkShape;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.predict.TrainingDomain;
import io.reescreen.model.units.FeatureSet;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Format version 3 (the log-scale residual), and the still-readable versions 2 (the relative residual) and 1. */
class ModelArtifactCodecVersionTest {

    /** Magic (8), version (4), payload length (4); SHA-256 (32) after the payload. */
    private static final int HEADER = 16;
    private static final int CHECKSUM = 32;
    private static final double RESIDUAL = 0.137;

    private static ModelArtifact artifact(double residual) {
        Random random = new Random(5);
        double[][] inputs = new double[30][6];
        for (double[] row : inputs) {
            for (int j = 0; j < 6; j++) {
                row[j] = 2 + 12 * random.nextDouble();
            }
        }
        double[] targetMean = new double[17];
        double[] targetStd = new double[17];
        for (int j = 0; j < 17; j++) {
            targetMean[j] = 5 + 2 * j;
            targetStd[j] = 0.5 + j / 8.0;
        }
        return new ModelArtifact(FeatureSet.PAPER_SIX, StandardScaler.fit(inputs), new StandardScaler(targetMean, targetStd),
                TrainingDomain.fit(inputs), EnsembleWeights.initial(NetworkShape.paper(2, 6), 7),
                Map.of("dataset", "SYN-version-test"), Map.of("residual_relative_sd_ratio", residual), residual);
    }

    /** Header with {@code version} and the payload's length, the payload, and the checksum the codec would write. */
    private static byte[] framed(int version, byte[] payload) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(HEADER + payload.length + CHECKSUM);
        out.put("REESCRN1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(version).putInt(payload.length).put(payload);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(out.array(), 0, HEADER + payload.length);
        out.put(sha.digest());
        return out.array();
    }

    private static byte[] payloadOf(byte[] artifactBytes) {
        int length = ByteBuffer.wrap(artifactBytes).getInt(12);
        return Arrays.copyOfRange(artifactBytes, HEADER, HEADER + length);
    }

    /** The bytes version 2 wrote: the current payload without its last 8 bytes (the log-scale residual). */
    private static byte[] versionTwo(ModelArtifact artifact) throws Exception {
        byte[] payload = payloadOf(ModelArtifactCodec.encode(artifact));
        return framed(2, Arrays.copyOf(payload, payload.length - 8));
    }

    @Test
    void versionThreeCarriesTheLogResidualAtTheEndOfThePayload() throws Exception {
        ModelArtifact original = logArtifact(0.31);
        byte[] bytes = ModelArtifactCodec.encode(original);
        assertEquals(3, ModelArtifactCodec.FORMAT_VERSION);
        assertEquals(3, ByteBuffer.wrap(bytes).getInt(8));
        byte[] payload = payloadOf(bytes);
        assertEquals(0.31, ByteBuffer.wrap(payload).getDouble(payload.length - 8), "last 8 payload bytes");
        assertEquals(0.0, ByteBuffer.wrap(payload).getDouble(payload.length - 16), "the relative residual before it");
        assertArrayEquals(bytes, framed(3, payload), "the test frames bytes as the codec does");
        ModelArtifact decoded = ModelArtifactCodec.decode(bytes);
        assertEquals(0.31, decoded.residualLogSd());
        assertEquals(0.0, decoded.residualRelativeSd());
        assertArrayEquals(bytes, ModelArtifactCodec.encode(decoded));
        double[] lot = original.domain().median();
        try (ScreeningModel a = original.load(); ScreeningModel b = decoded.load()) {
            assertEquals(0.31, b.residualLogSd());
            assertEquals(a.predict(lot, null, PredictionSettings.defaults()).total(),
                    b.predict(lot, null, PredictionSettings.defaults()).total());
        }
    }

    /**
     * Served before format 3, by the build at 6bb1893 (the relative residual 0.137, this class's artifact, its median
     * composition, the default prediction settings): total REE mean, sd, p05, p95 and P(high), printed there. Bit for
     * bit until issue 15 folded the BatchNorm and added the Java forward pass, which round the network's floats
     * differently (here by 1e-10 relative): the residual term's arithmetic is still checked, to 1e-8.
     */
    @Test
    void aVersionTwoArtifactPredictsAsTheBuildBeforeTheLogResidual() throws Exception {
        byte[] v2 = versionTwo(artifact(RESIDUAL));
        assertEquals("ec72ab7f4b2036330328a33b1e79b338541bd8f91b01e2ddff18d505239bf443", ModelArtifactCodec.sha256Hex(v2),
                "the very bytes the old build wrote");
        ModelArtifact decoded = ModelArtifactCodec.decode(v2);
        assertEquals(RESIDUAL, decoded.residualRelativeSd());
        assertEquals(0.0, decoded.residualLogSd());
        try (ScreeningModel model = decoded.load()) {
            io.reescreen.model.predict.LotPrediction p = model.predict(decoded.domain().median(), null, PredictionSettings.defaults());
            assertClose(new io.reescreen.model.predict.TargetEstimate("total", 5.1133746184641495, 0.6708257531793647,
                    4.037616381896068, 6.117182767341915), p.total());
            assertClose(new io.reescreen.model.predict.TargetEstimate("Y2O3", 37.334441004524706, 4.887655748799545,
                    29.583863064238358, 44.50960078866487), p.targets().get(16));
            assertEquals(0.0, p.probTotalAtOrAboveThreshold());
            assertEquals(5.113800458610058, p.pointTotalReePpmMol(), 1e-8 * 5.113800458610058);
        }
    }

    @Test
    void versionTwoBytesStillLoadWithTheirRelativeResidual() throws Exception {
        ModelArtifact original = artifact(RESIDUAL);
        byte[] bytes = versionTwo(original);
        byte[] payload = payloadOf(bytes);
        assertEquals(RESIDUAL, ByteBuffer.wrap(payload).getDouble(payload.length - 8), "last 8 payload bytes");

        ModelArtifact decoded = ModelArtifactCodec.decode(bytes);
        assertEquals(RESIDUAL, decoded.residualRelativeSd());
        assertEquals(original.weights(), decoded.weights());
        assertEquals(original.inputScaler(), decoded.inputScaler());
        assertEquals(original.metrics(), decoded.metrics());
        assertEquals(0.0, decoded.residualLogSd());
        assertArrayEquals(ModelArtifactCodec.encode(original), ModelArtifactCodec.encode(decoded),
                "re-encoded as version 3 with a zero log-scale residual");
        double[] lot = original.domain().median();
        try (ScreeningModel a = original.load(); ScreeningModel b = decoded.load()) {
            assertEquals(RESIDUAL, b.residualRelativeSd());
            assertEquals(a.predict(lot, null, PredictionSettings.defaults()).total(),
                    b.predict(lot, null, PredictionSettings.defaults()).total());
        }
    }

    @Test
    void versionOneBytesStillLoadWithNoResidual() throws Exception {
        ModelArtifact original = artifact(RESIDUAL);
        byte[] payload = payloadOf(ModelArtifactCodec.encode(original));
        byte[] v1 = framed(1, Arrays.copyOf(payload, payload.length - 16));

        ModelArtifact decoded = ModelArtifactCodec.decode(v1);
        assertEquals(0.0, decoded.residualRelativeSd());
        assertEquals(original.features(), decoded.features());
        assertEquals(original.inputScaler(), decoded.inputScaler());
        assertEquals(original.targetScaler(), decoded.targetScaler());
        assertEquals(original.weights(), decoded.weights());
        assertArrayEquals(original.domain().median(), decoded.domain().median());
        assertEquals(original.trainingSummary(), decoded.trainingSummary());
        assertEquals(original.metrics(), decoded.metrics());
        byte[] reencoded = ModelArtifactCodec.encode(decoded);
        assertEquals(3, ByteBuffer.wrap(reencoded).getInt(8), "re-encoding writes the current version");
        ModelArtifact withoutResidual = new ModelArtifact(original.features(), original.inputScaler(), original.targetScaler(),
                original.domain(), original.weights(), original.trainingSummary(), original.metrics(), 0);
        assertArrayEquals(ModelArtifactCodec.encode(withoutResidual), reencoded,
                "a version-1 artifact is the same model with a zero residual");
    }

    @Test
    void aVersionOneHeaderOnAVersionTwoPayloadIsRefused() throws Exception {
        byte[] mislabelled = framed(1, payloadOf(versionTwo(artifact(RESIDUAL))));
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(mislabelled));
        assertTrue(e.getMessage().contains("8 unread bytes"), e.getMessage());
    }

    @Test
    void versionsOutsideOneToThreeAreRefusedByName() throws Exception {
        byte[] payload = payloadOf(ModelArtifactCodec.encode(artifact(RESIDUAL)));
        for (int version : new int[] {4, 0}) {
            byte[] bytes = framed(version, payload); // a valid checksum: it is the version that is refused
            InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(bytes));
            assertTrue(e.getMessage().contains("version " + version) && e.getMessage().contains("1 to 3"), e.getMessage());
        }
    }

    @Test
    void aBadResidualInTheBytesIsRefused() throws Exception {
        byte[] payload = payloadOf(ModelArtifactCodec.encode(artifact(RESIDUAL)));
        for (int fromEnd : new int[] {8, 16}) {
            for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
                byte[] changed = payload.clone();
                ByteBuffer.wrap(changed).putDouble(changed.length - fromEnd, bad);
                byte[] bytes = framed(3, changed);
                InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(bytes));
                assertTrue(e.getMessage().contains("residual"), e.getMessage());
            }
        }
    }

    @Test
    void theArtifactValidatesItsResidualAndDefaultsToNone() {
        ModelArtifact a = artifact(0.2);
        assertEquals(0.0, new ModelArtifact(a.features(), a.inputScaler(), a.targetScaler(), a.domain(), a.weights(),
                Map.of(), Map.of()).residualRelativeSd());
        for (double bad : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new ModelArtifact(a.features(), a.inputScaler(),
                    a.targetScaler(), a.domain(), a.weights(), Map.of(), Map.of(), bad), "residual " + bad);
        }
        try (ScreeningModel loaded = a.load()) {
            assertEquals(0.2, loaded.residualRelativeSd());
            assertEquals(0.2, ModelArtifact.of(loaded, Map.of(), Map.of()).residualRelativeSd());
        }
        ModelArtifact log = logArtifact(0.25);
        try (ScreeningModel loaded = log.load()) {
            assertEquals(0.25, loaded.residualLogSd());
            assertEquals(0.25, ModelArtifact.of(loaded, Map.of(), Map.of()).residualLogSd());
        }
        assertThrows(IllegalArgumentException.class, () -> new ModelArtifact(a.features(), a.inputScaler(), a.targetScaler(),
                a.domain(), a.weights(), Map.of(), Map.of(), 0.1, 0.1), "one residual term, not both");
    }

    private static ModelArtifact logArtifact(double logSd) {
        ModelArtifact a = artifact(0);
        return new ModelArtifact(a.features(), a.inputScaler(), a.targetScaler(), a.domain(), a.weights(),
                a.trainingSummary(), Map.of("residual_log_sd_ratio", logSd), 0, logSd);
    }

    private static void assertClose(io.reescreen.model.predict.TargetEstimate expected,
                                    io.reescreen.model.predict.TargetEstimate actual) {
        assertEquals(expected.target(), actual.target());
        assertEquals(expected.meanPpmMol(), actual.meanPpmMol(), 1e-8 * expected.meanPpmMol(), expected.target());
        assertEquals(expected.stdPpmMol(), actual.stdPpmMol(), 1e-8 * expected.meanPpmMol(), expected.target());
        assertEquals(expected.p05PpmMol(), actual.p05PpmMol(), 1e-8 * expected.meanPpmMol(), expected.target());
        assertEquals(expected.p95PpmMol(), actual.p95PpmMol(), 1e-8 * expected.meanPpmMol(), expected.target());
    }
}
