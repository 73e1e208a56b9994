package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** ree.alerts.acks: compacted by alert id, BACKWARD like every topic the services write, the note optional. */
class AlertAcknowledgementSchemaTest {

    @Test
    void theTopicIsCompactedKeyedOnceAndBackwardCompatible() {
        assertTrue(Topics.ALERT_ACKS.compacted());
        assertEquals(SchemaCompatibility.BACKWARD, Topics.ALERT_ACKS.valueCompatibility());
        assertTrue(Topics.ALL.contains(Topics.ALERT_ACKS));
    }

    @Test
    void anAcknowledgementWrittenWithoutTheOptionalNoteReadsWithANullNote() throws Exception {
        Schema current = AlertAcknowledgement.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals("note")) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        Schema lean = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        String json = lean.toString();
        assertEquals(current.getFields().size() - 1, lean.getFields().size(), "the note is left out: " + json);
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(current, lean).getType(), "backward");
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(lean, current).getType(), "forward");

        GenericRecord old = new GenericData.Record(lean);
        old.put("alertId", "A1");
        old.put("lotId", "L1");
        old.put("operator", "Ana");
        old.put("acknowledgedAt", 5L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(lean).write(old, encoder);
        encoder.flush();
        AlertAcknowledgement read = new SpecificDatumReader<AlertAcknowledgement>(lean, current)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertEquals("Ana", read.getOperator());
        assertNull(read.getNote());
        assertEquals(Instant.ofEpochMilli(5), read.getAcknowledgedAt());
    }
}
