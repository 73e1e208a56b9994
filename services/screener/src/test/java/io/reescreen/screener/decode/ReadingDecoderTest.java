package io.reescreen.screener.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.TestSerdes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The reading decoder says in an operator's words what is wrong with a value, and never lets Avro allocate what the
 * bytes cannot hold. Schema ids are served by a map standing in for the registry.
 */
class ReadingDecoderTest {

    private static final int READING_ID = 11;
    private static final int LOT_INFO_ID = 12;
    private static final int OLDER_ID = 13;
    private static final int NEWER_ID = 14;

    private final Map<Integer, Schema> registry = new HashMap<>(Map.of(READING_ID, XrfReading.getClassSchema(),
            LOT_INFO_ID, LotInfo.getClassSchema(), OLDER_ID, older(), NEWER_ID, newer()));
    private final AtomicInteger lookups = new AtomicInteger();
    private final ReadingDecoder decoder = ReadingDecoder.framed(id -> {
        lookups.incrementAndGet();
        Schema s = registry.get(id);
        if (s == null) {
            throw new ReadingDecoder.UnknownSchemaId(id);
        }
        return s;
    });

    private static final XrfReading READING = Readings.oxides("L-1", "R-1", Readings.typicalWtPct()).build();
    private static final byte[] BODY = TestSerdes.READING.toBytes(READING);

    @Test
    void aFramedReadingDecodesToTheSameReading() {
        assertEquals(READING, decoder.decode(framed(READING_ID, BODY)).reading());
    }

    @Test
    void jsonIsCalledJson() {
        String problem = problem("{\"readingId\":\"R-1\",\"lotId\":\"L-1\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(problem.startsWith("JSON, not Avro (first byte 0x7B '{', expected 0x00"), problem);
    }

    @Test
    void aWrongMagicByteIsNamedWithTheByteSeenAndTheByteExpected() {
        byte[] value = framed(READING_ID, BODY);
        value[0] = (byte) 0x83;
        assertEquals("not Avro with Confluent framing (first byte 0x83, expected 0x00)", problem(value));
    }

    @Test
    void textIsCalledTextAndQuoted() {
        String problem = problem("XRF-CSV;L-1;SiO2=52.0".getBytes(StandardCharsets.UTF_8));
        assertTrue(problem.startsWith("text, not Avro with Confluent framing (first byte 0x58 'X', expected 0x00)"),
                problem);
        assertTrue(problem.contains("\"XRF-CSV;L-1;SiO2=52.0\""), problem);
    }

    @Test
    void anEmptyValueAndAShortFramingAreNamed() {
        assertEquals("an empty value (0 bytes), not Avro with Confluent framing", problem(new byte[0]));
        assertTrue(problem(new byte[] {0, 0, 0}).startsWith("truncated after 3 bytes: Confluent framing needs 5"));
        assertEquals("the value is null (a tombstone), not an XrfReading", decoder.decode(null).problem());
    }

    @Test
    void anUnknownSchemaIdIsNamedAndNotAskedForAgainAtOnce() {
        assertEquals("unknown schema id 999: the registry has no schema with that id", problem(framed(999, BODY)));
        int asked = lookups.get();
        assertEquals("unknown schema id 999: the registry has no schema with that id", problem(framed(999, BODY)));
        assertEquals(asked, lookups.get(), "an unknown id is remembered for a while");
    }

    @Test
    void aRegistryThatCannotAnswerIsNotCalledAnUnknownId() {
        ReadingDecoder down = ReadingDecoder.framed(id -> {
            throw new IllegalStateException("Connection refused");
        });
        String problem = down.decode(framed(READING_ID, BODY)).problem();
        assertTrue(problem.startsWith("schema id 11 could not be looked up in the registry:"), problem);
        assertTrue(problem.contains("Connection refused"), problem);
    }

    @Test
    void anotherRecordTypeUnderItsOwnSchemaIdIsNamed() {
        LotInfo lot = LotInfo.newBuilder().setLotId("L-1").setSiteId("S").setUpdatedAt(java.time.Instant.EPOCH).build();
        assertEquals("a io.reescreen.schemas.LotInfo (schema id 12), not an io.reescreen.schemas.XrfReading",
                problem(framed(LOT_INFO_ID, TestSerdes.LOT_INFO.toBytes(lot))));
    }

    @Test
    void trailingBytesAfterAValidReadingAreRefused() {
        byte[] body = Arrays.copyOf(BODY, BODY.length + 3);
        assertEquals("3 trailing bytes after a complete XrfReading of " + BODY.length + " bytes (the value is "
                + (BODY.length + 8) + " bytes) (schema id 11)", problem(framed(READING_ID, body)));
    }

    @Test
    void aTruncatedBodySaysWhereItEnds() {
        byte[] value = Arrays.copyOf(framed(READING_ID, BODY), 5 + BODY.length / 2);
        String problem = problem(value);
        assertTrue(problem.startsWith("truncated after " + value.length + " bytes"), problem);
        assertTrue(problem.contains("analytes["), problem);
    }

    @Test
    void invalidUtf8InAnIdIsRefusedNotReplaced() {
        byte[] body = BODY.clone();
        body[1] = (byte) 0xC3; // readingId "R-1": its first byte becomes a lead byte without a continuation
        String problem = problem(framed(READING_ID, body));
        assertTrue(problem.startsWith("readingId is not valid UTF-8"), problem);
    }

    @Test
    void theUtf8CheckAgreesWithTheJdkDecoderOnRandomBytes() {
        java.util.Random random = new java.util.Random(8);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
                0x9F, 0xA0, 0x8F, 0x90};
        int invalid = 0;
        for (int n = 0; n < 50_000; n++) {
            byte[] b = new byte[random.nextInt(9)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(256));
            }
            boolean jdk;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            assertEquals(jdk, AvroBodyScan.invalidUtf8At(b, 0, b.length) < 0, () -> java.util.HexFormat.of().formatHex(b));
            invalid += jdk ? 0 : 1;
        }
        assertTrue(invalid > 1_000 && invalid < 49_000, "both kinds were tried: " + invalid + " invalid");
    }

    @Test
    void aStringClaimingTwoGigabytesIsRefusedWithoutAllocatingThem() {
        byte[] body = concat(varint(Integer.MAX_VALUE - 8), "R".getBytes(StandardCharsets.UTF_8));
        String problem = problem(framed(READING_ID, body));
        assertTrue(problem.startsWith("truncated after 11 bytes: a string of 2147483639 bytes declared"), problem);
    }

    @Test
    void anArrayClaimingABillionItemsIsRefusedWithoutAllocatingThem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] prefix = Arrays.copyOf(BODY, analytesOffset());
        out.writeBytes(prefix);
        out.writeBytes(varint(1_000_000_000L));
        out.writeBytes(new byte[] {2, 'x'});
        String problem = problem(framed(READING_ID, out.toByteArray()));
        assertTrue(problem.startsWith("analytes declares 1000000000 items"), problem);
    }

    @Test
    void anEnumIndexBeyondTheSymbolsIsRefused() {
        byte[] body = Arrays.copyOf(BODY, BODY.length);
        int basisAt = analytesOffset() - 2; // basis, then materialBasis, just before the analytes
        body[basisAt] = 18; // zig-zag 9
        String problem = problem(framed(READING_ID, body));
        assertTrue(problem.startsWith("basis enum CompositionBasis index 9 does not exist (it has 3 symbols)"), problem);
    }

    @Test
    void anOlderAndANewerCompatibleSchemaAreBothRead() {
        XrfReading fromOlder = decoder.decode(framed(OLDER_ID, write(older(), false))).reading();
        assertNotNull(fromOlder, () -> problem(framed(OLDER_ID, write(older(), false))));
        assertEquals("R-1", fromOlder.getReadingId());
        assertNull(fromOlder.getCalibrationId());
        XrfReading fromNewer = decoder.decode(framed(NEWER_ID, write(newer(), true))).reading();
        assertNotNull(fromNewer, () -> problem(framed(NEWER_ID, write(newer(), true))));
        assertEquals(READING.getAnalytes(), fromNewer.getAnalytes());
    }

    @Test
    void bareAvroIsReadStrictlyToo() {
        ReadingDecoder bare = ReadingDecoder.bare();
        assertEquals(READING, bare.decode(BODY).reading());
        String problem = bare.decode(Arrays.copyOf(BODY, BODY.length + 1)).problem();
        assertTrue(problem.startsWith("not a bare-Avro XrfReading: 1 trailing bytes"), problem);
    }

    private String problem(byte[] value) {
        ReadingDecoder.Decoded d = decoder.decode(value);
        assertNull(d.reading());
        return d.problem();
    }

    /** Where the analytes array starts in BODY: after the three ids, sampledAt, basis and materialBasis. */
    private static int analytesOffset() {
        int at = 0;
        for (int field = 0; field < 3; field++) {
            int length = BODY[at] >> 1; // short ids: one-byte zig-zag length
            at += 1 + length;
        }
        while ((BODY[at] & 0x80) != 0) { // sampledAt varint
            at++;
        }
        return at + 1 + 2; // last varint byte, basis, materialBasis
    }

    @Test
    void aSeenIdDecodesWithTheRegistryDown() {
        AtomicInteger asked = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        ReadingDecoder cached = ReadingDecoder.framed(id -> {
            asked.incrementAndGet();
            if (down.get()) {
                throw new ReadingDecoder.RegistryUnavailable(id, new java.net.ConnectException("Connection refused"));
            }
            return registry.get(id);
        }, java.time.Duration.ofMillis(50));
        assertEquals(READING, cached.decode(framed(READING_ID, BODY)).reading());
        down.set(true);
        for (int i = 0; i < 3; i++) {
            assertEquals(READING, cached.decode(framed(READING_ID, BODY)).reading());
        }
        assertEquals(1, asked.get(), "an id is asked for once for the process's life");
    }

    @Test
    void anUnseenIdWhileTheRegistryIsUnreachableIsTheRegistrysProblemNotTheRecords() {
        AtomicInteger asked = new AtomicInteger();
        ReadingDecoder unreachable = ReadingDecoder.framed(id -> {
            asked.incrementAndGet();
            throw new ReadingDecoder.RegistryUnavailable(id, new java.net.ConnectException("Connection refused"));
        }, java.time.Duration.ofMillis(250));
        long start = System.nanoTime();
        ReadingDecoder.Decoded d = unreachable.decode(framed(READING_ID, BODY));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertNull(d.reading());
        assertTrue(d.registryUnavailable(), d.problem());
        assertTrue(d.problem().contains("could not be reached"), d.problem());
        assertTrue(asked.get() > 1, "asked again with backoff: " + asked.get());
        assertTrue(tookMs >= 200 && tookMs < 2_000, "bounded by the retry budget: " + tookMs + " ms");
        // The outage is known: the next unseen id is not made to wait again.
        int before = asked.get();
        long next = System.nanoTime();
        assertTrue(unreachable.decode(framed(NEWER_ID, BODY)).registryUnavailable());
        assertEquals(before + 1, asked.get());
        assertTrue((System.nanoTime() - next) / 1_000_000 < 200);
    }

    @Test
    void aRegistryBackWithinTheBudgetDecodes() {
        AtomicInteger asked = new AtomicInteger();
        ReadingDecoder flaky = ReadingDecoder.framed(id -> {
            if (asked.incrementAndGet() < 3) {
                throw new ReadingDecoder.RegistryUnavailable(id, new java.net.ConnectException("Connection refused"));
            }
            return registry.get(id);
        }, java.time.Duration.ofSeconds(2));
        assertEquals(READING, flaky.decode(framed(READING_ID, BODY)).reading());
        assertEquals(3, asked.get());
    }

    @Test
    void theRegistrysOwnAnswersAreNotUnavailability() {
        assertTrue(ReadingDecoder.unreachable(new RuntimeException(new java.util.concurrent.ExecutionException(
                new java.net.ConnectException("Connection refused: /127.0.0.1:42685")))));
        assertTrue(ReadingDecoder.unreachable(new RuntimeException(new java.net.SocketTimeoutException())));
        assertTrue(!ReadingDecoder.unreachable(new org.apache.avro.SchemaParseException("bad schema")));
    }

    /** The registry client the screener runs with, pointed at a port nobody listens on. */
    @Test
    void theRealRegistryClientRefusedIsRegistryUnavailable() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        io.reescreen.schemas.RegistrySerdes serdes = new io.reescreen.schemas.RegistrySerdes(
                "http://127.0.0.1:" + port + "/apis/registry/v3", false);
        try (org.apache.kafka.common.serialization.Deserializer<XrfReading> deserializer =
                     serdes.valueSerde(XrfReading.class).deserializer()) {
            ReadingDecoder.Decoded d = ReadingDecoder.of(deserializer).decode(framed(READING_ID, BODY));
            assertNull(d.reading());
            assertTrue(d.registryUnavailable(), d.problem());
        }
    }

    static byte[] framed(int schemaId, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
    }

    private static Schema older() {
        Schema current = XrfReading.getClassSchema();
        Schema s = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream().filter(f -> !f.name().equals("calibrationId"))
                        .map(f -> new Schema.Field(f, f.schema())).toList());
        return s;
    }

    private static Schema newer() {
        Schema current = XrfReading.getClassSchema();
        var fields = new java.util.ArrayList<>(current.getFields().stream().map(f -> new Schema.Field(f, f.schema()))
                .toList());
        fields.add(new Schema.Field("operatorNote", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "added later", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    /** READING written with {@code schema} (the current one's fields it has, plus a note when asked). */
    private static byte[] write(Schema schema, boolean note) {
        try {
            return writeOrFail(schema, note);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] writeOrFail(Schema schema, boolean note) throws IOException {
        GenericRecord copy = new GenericData.Record(schema);
        byte[] current = BODY;
        var generic = new org.apache.avro.generic.GenericDatumReader<GenericRecord>(XrfReading.getClassSchema())
                .read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(current, null));
        for (Schema.Field f : schema.getFields()) {
            copy.put(f.name(), f.name().equals("operatorNote") ? (note ? "checked" : null) : generic.get(f.name()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(copy, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long z = (value << 1) ^ (value >> 63);
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
