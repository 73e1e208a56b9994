package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The evolution rule (README.md in this module): schemas change only by adding optional fields with
 * defaults. Such a change is BACKWARD compatible (new consumers read old records), which the registry
 * enforces, and also FORWARD (old consumers read new records), which lets producers upgrade first.
 */
class SchemaEvolutionTest {

    @Test
    void oldConsumerReadsARecordWrittenWithAnAddedOptionalField() throws Exception {
        Schema current = XrfReading.getClassSchema();
        Schema evolved = withOptionalField(current, "moistureWtPct");
        XrfReading reading = sampleReading();

        GenericRecord written = new GenericData.Record(evolved);
        for (Schema.Field field : current.getFields()) {
            written.put(field.name(), GenericData.get().deepCopy(field.schema(), toGeneric(reading).get(field.name())));
        }
        written.put("moistureWtPct", 7.5);
        byte[] bytes = encode(evolved, written);

        XrfReading readByOldConsumer = new SpecificDatumReader<XrfReading>(evolved, current)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertEquals(reading, readByOldConsumer);
    }

    @Test
    void newConsumerReadsARecordWrittenBeforeTheFieldExisted() throws Exception {
        Schema current = XrfReading.getClassSchema();
        Schema evolved = withOptionalField(current, "moistureWtPct");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(XrfReading.class).write(sampleReading(), encoder);
        encoder.flush();

        GenericRecord readByNewConsumer = new GenericDatumReader<GenericRecord>(current, evolved)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertNull(readByNewConsumer.get("moistureWtPct"), "the added field takes its default");
        assertEquals("lot-7", readByNewConsumer.get("lotId").toString());
    }

    @Test
    void addingAnOptionalFieldToAnyTopicValueIsFullyCompatible() {
        for (Schema current : ContractSchemas.topLevelRecords()) {
            Schema evolved = withOptionalField(current, "addedLaterNote");
            assertEquals(SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(evolved, current).getType(), current.getName() + " backward");
            assertEquals(SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(current, evolved).getType(), current.getName() + " forward");
        }
    }

    @Test
    void addingARequiredFieldBreaksBackwardCompatibility() {
        Schema current = XrfReading.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("operatorId", Schema.create(Schema.Type.STRING), null, (Object) null));
        Schema withRequired = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);

        assertEquals(SchemaCompatibilityType.INCOMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(withRequired, current).getType());
    }

    @Test
    void xrfReadingRoundTripsThroughAvroBinaryKeepingItsInstant() throws Exception {
        XrfReading reading = sampleReading();
        byte[] bytes = encode(XrfReading.getClassSchema(), toGeneric(reading));
        XrfReading back = new SpecificDatumReader<>(XrfReading.class).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertEquals(reading, back);
        assertEquals(Instant.ofEpochMilli(1_760_000_000_123L), back.getSampledAt(), "timestamp-millis keeps the instant");
    }

    private static Schema withOptionalField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.DOUBLE)),
                "Unit: mass % (added in a later version).", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static XrfReading sampleReading() {
        return XrfReading.newBuilder()
                .setReadingId("r-1").setAnalyzerId("xrf-a").setLotId("lot-7")
                .setSampledAt(Instant.ofEpochMilli(1_760_000_000_123L))
                .setBasis(CompositionBasis.OXIDE_WT_PCT)
                .setAnalytes(List.of(
                        AnalyteReading.newBuilder().setAnalyte("Al2O3").setValueInBasisUnit(26.4).setSigma1InBasisUnit(0.5).build(),
                        AnalyteReading.newBuilder().setAnalyte("MnO").setBelowDetection(true).setDetectionLimitInBasisUnit(0.02).build()))
                .build();
    }

    private static GenericRecord toGeneric(XrfReading reading) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(XrfReading.class).write(reading, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(XrfReading.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
