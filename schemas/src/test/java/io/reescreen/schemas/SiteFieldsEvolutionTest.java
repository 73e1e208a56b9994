package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * Site models added a site to releases, predictions, alerts and attempts. Records written before (without the field)
 * must still read, as the base model's; the registry checks BACKWARD, and old consumers must read the new records.
 */
class SiteFieldsEvolutionTest {

    private static final Map<Schema, String> ADDED = Map.of(
            ModelRelease.getClassSchema(), "siteId",
            ReePrediction.getClassSchema(), "modelSiteId",
            HighReeAlert.getClassSchema(), "modelSiteId",
            RetrainingAttempt.getClassSchema(), "siteId");

    @Test
    void eachSchemaWithItsSiteFieldIsBackwardAndForwardCompatibleWithTheOneBefore() {
        ADDED.forEach((current, field) -> {
            Schema before = without(current, field);
            assertEquals(SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(current, before).getType(), current.getName() + " backward");
            assertEquals(SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(before, current).getType(), current.getName() + " forward");
        });
    }

    @Test
    void aReleaseWrittenBeforeSiteModelsReadsAsTheBaseModel() throws Exception {
        Schema before = without(ModelRelease.getClassSchema(), "siteId");
        GenericRecord old = new GenericData.Record(before);
        old.put("modelName", "screener");
        old.put("version", "v1");
        old.put("action", new GenericData.EnumSymbol(before.getField("action").schema(), "PUBLISH"));
        old.put("createdAt", 1L);
        old.put("features", List.of());
        old.put("metrics", List.of());
        old.put("trainingSettings", Map.of());
        old.put("lineage", List.of());
        old.put("artifactFormatVersion", 1);
        old.put("artifact", java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
        old.put("artifactSha256", "ab");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(before).write(old, encoder);
        encoder.flush();

        ModelRelease read = new SpecificDatumReader<ModelRelease>(before, ModelRelease.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertEquals("v1", read.getVersion());
        assertNull(read.getSiteId(), "no site: the base model");
    }

    private static Schema without(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().stream().filter(f -> !f.name().equals(name)).forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
