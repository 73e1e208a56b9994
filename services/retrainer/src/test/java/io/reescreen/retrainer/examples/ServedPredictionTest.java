package io.reescreen.retrainer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The served-prediction store's records: format 2 keeps what realised accuracy needs; format 1 records still read. */
class ServedPredictionTest {

    @Test
    void aServedPredictionSurvivesTheStoreWithItsModelSiteThresholdAndTime() {
        ServedPrediction p = new ServedPrediction("v2", 250, 240, 300, "YARD-B", 157, 0.3, 1_234L);
        assertEquals(p, ServedPrediction.SERDE.deserializer().deserialize("t", ServedPrediction.SERDE.serializer()
                .serialize("t", p)));
        ServedPrediction base = new ServedPrediction("v1", 250, 240, 300, null, 157, 0.3, 1_234L);
        assertNull(ServedPrediction.SERDE.deserializer().deserialize("t", ServedPrediction.SERDE.serializer()
                .serialize("t", base)).modelSiteId(), "the base model");
    }

    @Test
    void aRecordKeptBeforeFormatTwoReadsAsTheBaseModelsWithoutThresholdOrTime() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            byte[] version = "v1".getBytes(StandardCharsets.UTF_8);
            out.writeInt(version.length);
            out.write(version);
            out.writeDouble(250);
            out.writeDouble(240);
            out.writeDouble(300);
        }
        ServedPrediction read = ServedPrediction.SERDE.deserializer().deserialize("t", bytes.toByteArray());
        assertEquals("v1", read.modelVersion());
        assertEquals(250, read.meanPpmMol());
        assertNull(read.modelSiteId());
        assertTrue(Double.isNaN(read.thresholdPpmMol()) && Double.isNaN(read.probHigh()));
    }
}
