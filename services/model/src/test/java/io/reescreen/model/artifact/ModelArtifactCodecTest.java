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
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelArtifactCodecTest {

    private static ModelArtifact artifact(int members) {
        Random random = new Random(9);
        double[][] inputs = new double[40][6];
        for (double[] row : inputs) {
            for (int j = 0; j < 6; j++) {
                row[j] = 3 + 10 * random.nextDouble();
            }
        }
        double[] targetMean = new double[17];
        double[] targetStd = new double[17];
        for (int j = 0; j < 17; j++) {
            targetMean[j] = 10 + j;
            targetStd[j] = 1 + j / 10.0;
        }
        return new ModelArtifact(FeatureSet.PAPER_SIX, StandardScaler.fit(inputs), new StandardScaler(targetMean, targetStd),
                TrainingDomain.fit(inputs), EnsembleWeights.initial(NetworkShape.paper(members, 6), 4),
                Map.of("dataset", "SYN-test", "epochs", "500"), Map.of("test_mape_total_pct", 9.1, "test_r2_total_ratio", 0.87));
    }

    @Test
    void roundTripKeepsEverythingAndPredictsTheSame() throws Exception {
        ModelArtifact original = artifact(3);
        ModelArtifact decoded = ModelArtifactCodec.decode(ModelArtifactCodec.encode(original));

        assertEquals(original.features(), decoded.features());
        assertEquals(original.inputScaler(), decoded.inputScaler());
        assertEquals(original.targetScaler(), decoded.targetScaler());
        assertEquals(original.weights(), decoded.weights());
        assertArrayEquals(original.domain().median(), decoded.domain().median());
        assertArrayEquals(original.domain().covariance()[2], decoded.domain().covariance()[2]);
        assertEquals(original.trainingSummary(), decoded.trainingSummary());
        assertEquals(original.metrics(), decoded.metrics());
        double[] lot = original.domain().median();
        try (ScreeningModel a = original.load(); ScreeningModel b = decoded.load()) {
            assertEquals(a.predict(lot, null, PredictionSettings.defaults()).total(),
                    b.predict(lot, null, PredictionSettings.defaults()).total());
        }
    }

    @Test
    void aThirtyMemberEnsembleFitsAKafkaRecord() {
        int size = ModelArtifactCodec.encode(artifact(30)).length;
        assertTrue(size < 256 * 1024, "artifact of " + size + " bytes; Kafka's default record limit is 1 MiB");
    }

    @Test
    void anyFlippedByteIsRejected() {
        byte[] good = ModelArtifactCodec.encode(artifact(2));
        Random random = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            int at = trial < 60 ? trial : random.nextInt(good.length); // the whole header, then anywhere
            byte[] bad = good.clone();
            bad[at] ^= (byte) (1 + random.nextInt(255));
            assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(bad), "flip at " + at);
        }
    }

    @Test
    void truncatedBytesAreRejected() {
        byte[] good = ModelArtifactCodec.encode(artifact(2));
        for (int length : new int[] {0, 7, 16, 47, good.length / 2, good.length - 33, good.length - 1}) {
            byte[] cut = java.util.Arrays.copyOf(good, length);
            InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(cut));
            assertTrue(e.getMessage().length() > 10, "a clear reason: " + e.getMessage());
        }
        assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(null));
    }

    @Test
    void anUnknownFormatVersionIsNamed() {
        byte[] future = ModelArtifactCodec.encode(artifact(2));
        ByteBuffer.wrap(future).putInt(8, 99);
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> ModelArtifactCodec.decode(future));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    @Test
    void checksumIsStableForTheSameModel() {
        assertEquals(ModelArtifactCodec.sha256Hex(ModelArtifactCodec.encode(artifact(2))),
                ModelArtifactCodec.sha256Hex(ModelArtifactCodec.encode(artifact(2))));
    }
}
