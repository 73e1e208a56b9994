package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
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
 * models.performance and models.drift are new, so their evolution is ahead of them: the optional fields (sites, model
 * name, released error) can be left out by a writer, and a screening outcome added later reads as UNKNOWN.
 */
class PerformanceSchemasEvolutionTest {

    @Test
    void aComparisonWrittenWithoutItsOptionalFieldsReadsWithNulls() throws Exception {
        Schema current = ModelPerformance.getClassSchema();
        Schema writer = withoutOptional(current);
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getType());
        GenericRecord old = filled(writer, "TRUE_POSITIVE");
        ModelPerformance read = PerformanceSchemasEvolutionTest.<ModelPerformance>read(writer, current, old);
        assertNull(read.getSiteId());
        assertNull(read.getModelSiteId(), "no model site: the base model");
        assertEquals(ScreeningOutcome.TRUE_POSITIVE, read.getOutcome());
        assertEquals(Instant.ofEpochMilli(5), read.getComparedAt());
    }

    @Test
    void aScreeningOutcomeAddedLaterReadsAsUnknown() throws Exception {
        String json = ModelPerformance.getClassSchema().toString().replace("\"FALSE_NEGATIVE\",",
                "\"FALSE_NEGATIVE\", \"NOT_SCREENED\",");
        Schema later = new Schema.Parser().parse(json);
        GenericRecord r = filled(later, "NOT_SCREENED");
        assertEquals(ScreeningOutcome.UNKNOWN, PerformanceSchemasEvolutionTest.<ModelPerformance>read(later, ModelPerformance.getClassSchema(), r).getOutcome());
    }

    @Test
    void aDriftAlarmWithoutItsOptionalFieldsIsReadableBothWays() {
        Schema current = DriftAlarm.getClassSchema();
        Schema lean = withoutOptional(current);
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(current, lean).getType(), "backward");
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(lean, current).getType(), "forward");
    }

    /** Every field: its default if it has one, else "x", 1.0, true, 5 ms or {@code outcome}. */
    private static GenericRecord filled(Schema schema, String outcome) {
        GenericRecord r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            r.put(f.name(), f.hasDefaultValue() ? GenericData.get().getDefaultValue(f) : switch (f.schema().getType()) {
                case STRING -> "x";
                case DOUBLE -> 1.0;
                case BOOLEAN -> true;
                case LONG -> 5L;
                case ENUM -> new GenericData.EnumSymbol(f.schema(), outcome);
                default -> throw new IllegalStateException(f.name());
            });
        }
        return r;
    }

    private static <T> T read(Schema writer, Schema reader, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return new SpecificDatumReader<T>(writer, reader).read(null,
                DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    /** The schema with every field that has a default left out. */
    private static Schema withoutOptional(Schema schema) {
        List<Schema.Field> kept = schema.getFields().stream().filter(f -> !f.hasDefaultValue())
                .map(f -> new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept);
    }
}
