package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reescreen.schemas.XrfReading;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interoperability with Confluent clients: a schema registered through /apis/ccompat/v7 reads back
 * unchanged, a record framed as Confluent's serializer frames it (magic byte 0, 4-byte big-endian
 * schema id, Avro binary) decodes with our serde, and our serde's bytes decode the Confluent way.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ConfluentWireFormatTest {

    private static final byte MAGIC_BYTE = 0;

    @Test
    void schemaRegisteredThroughConfluentApiReadsBack(EmbeddedStack stack) throws Exception {
        ConfluentCompatClient ccompat = new ConfluentCompatClient(stack.registry().confluentCompatibleUrl());
        String subject = "ccompat-readback-" + UUID.randomUUID() + "-value";

        ConfluentCompatClient.Response registered = ccompat.register(subject, XrfReading.getClassSchema().toString());
        assertEquals(200, registered.status(), registered.body());
        int id = registered.json().get("id").asInt();

        ConfluentCompatClient.Response latest = ccompat.latest(subject);
        assertEquals(200, latest.status(), latest.body());
        assertEquals(id, latest.json().get("id").asInt());
        assertEquals(1, latest.json().get("version").asInt());
        assertEquals(XrfReading.getClassSchema(), new Schema.Parser().parse(latest.json().get("schema").asText()));

        ConfluentCompatClient.Response byId = ccompat.schemaById(id);
        assertEquals(200, byId.status(), byId.body());
        assertEquals(XrfReading.getClassSchema(), new Schema.Parser().parse(byId.json().get("schema").asText()));
    }

    @Test
    void confluentFramedRecordDecodesWithOurSerde(EmbeddedStack stack) throws Exception {
        ConfluentCompatClient ccompat = new ConfluentCompatClient(stack.registry().confluentCompatibleUrl());
        String topic = "ccompat-in-" + UUID.randomUUID();
        ConfluentCompatClient.Response registered = ccompat.register(topic + "-value", XrfReading.getClassSchema().toString());
        assertEquals(200, registered.status(), registered.body());
        int id = registered.json().get("id").asInt();
        XrfReading reading = SampleReadings.oxideShot("lot-ccompat", 1);

        byte[] confluentFramed = confluentFrame(id, reading);
        Serde<XrfReading> serde = stack.serdes().valueSerde(XrfReading.class);

        assertEquals(reading, serde.deserializer().deserialize(topic, confluentFramed));
    }

    @Test
    void ourSerdeWritesConfluentFraming(EmbeddedStack stack) throws Exception {
        ConfluentCompatClient ccompat = new ConfluentCompatClient(stack.registry().confluentCompatibleUrl());
        String topic = "ccompat-out-" + UUID.randomUUID();
        XrfReading reading = SampleReadings.oxideShot("lot-ccompat", 2);

        byte[] ours = stack.serdes().valueSerde(XrfReading.class).serializer().serialize(topic, reading);

        ByteBuffer buffer = ByteBuffer.wrap(ours);
        assertEquals(MAGIC_BYTE, buffer.get(), "magic byte");
        int id = buffer.getInt();
        // A Confluent consumer resolves the id through the Confluent API, under the topic's subject.
        ConfluentCompatClient.Response byId = ccompat.schemaById(id);
        assertEquals(200, byId.status(), byId.body());
        Schema writer = new Schema.Parser().parse(byId.json().get("schema").asText());
        assertEquals(id, ccompat.latest(topic + "-value").json().get("id").asInt());
        byte[] body = Arrays.copyOfRange(ours, 5, ours.length);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, null);
        XrfReading decoded = new SpecificDatumReader<XrfReading>(writer, XrfReading.getClassSchema()).read(null, decoder);
        assertEquals(reading, decoded);
        assertArrayEquals(confluentFrame(id, reading), ours, "byte-identical to Confluent's framing");
    }

    /** What Confluent's KafkaAvroSerializer writes. */
    private static byte[] confluentFrame(int schemaId, XrfReading reading) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC_BYTE);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<>(XrfReading.class).write(reading, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
