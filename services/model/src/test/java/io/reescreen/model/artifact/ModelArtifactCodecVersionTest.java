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

/** Format version 2 (the residual term) and the still-readable version 1. */
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

    @Test
    void versionTwoCarriesTheResidualAtTheEndOfThePayload() throws Exception {
        ModelArtifact original = artifact(RESIDUAL);
        byte[] bytes = ModelArtifactCodec.encode(original);
        assertEquals(2, ModelArtifactCodec.FORMAT_VERSION);
        assertEquals(2, ByteBuffer.wrap(bytes).getInt(8));
        byte[] payload = payloadOf(bytes);
        assertEquals(RESIDUAL, ByteBuffer.wrap(payload).getDouble(payload.length - 8), "last 8 payload bytes");
        assertArrayEquals(bytes, framed(2, payload), "the test frames bytes as the codec does");

        ModelArtifact decoded = ModelArtifactCodec.decode(bytes);
        assertEquals(RESIDUAL, decoded.residualRelativeSd());
        assertEquals(original.weights(), decoded.weights());
        assertEquals(original.inputScaler(), decoded.inputScaler());
        assertEquals(original.metrics(), decoded.metrics());
        assertArrayEquals(bytes, ModelArtifactCodec.encode(decoded));
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
        byte[] v2 = ModelArtifactCodec.encode(original);
        byte[] payload = payloadOf(v2);
        byte[] v1 = framed(1, Arrays.copyOf(payload, payload.length - 8));

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
        assertEquals(2, ByteBuffer.wrap(reencoded).getInt(8), "re-encoding writes the current version");
        ModelArtifact withoutResidual = new ModelArtifact(original.features(), original.inputScaler(), original.targetScaler(),
                original.domain(), original.weights(), original.trainingSummary(), original.metrics(), 0);
        assertArrayEquals(ModelArtifactCodec.encode(withoutResidual), reencoded,
                "a version-1 artifact is the same model with a zero residual");
    }

    @Test
    void aVersionOneHeaderOnAVersionTwoPayloadIsRefused() throws Exception {
        byte[] mislabelled = framed(1, payloadOf(ModelArtifactCodec.encode(artifact(RESIDUAL))));
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(mislabelled));
        assertTrue(e.getMessage().contains("8 unread bytes"), e.getMessage());
    }

    @Test
    void versionsOutsideOneToTwoAreRefusedByName() throws Exception {
        byte[] payload = payloadOf(ModelArtifactCodec.encode(artifact(RESIDUAL)));
        for (int version : new int[] {3, 0}) {
            byte[] bytes = framed(version, payload); // a valid checksum: it is the version that is refused
            InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(bytes));
            assertTrue(e.getMessage().contains("version " + version) && e.getMessage().contains("1 to 2"), e.getMessage());
        }
    }

    @Test
    void aBadResidualInTheBytesIsRefused() throws Exception {
        byte[] payload = payloadOf(ModelArtifactCodec.encode(artifact(RESIDUAL)));
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            ByteBuffer.wrap(payload).putDouble(payload.length - 8, bad);
            byte[] bytes = framed(2, payload);
            InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(bytes));
            assertTrue(e.getMessage().contains("residual"), e.getMessage());
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
    }
}
