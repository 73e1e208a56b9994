package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.deadletter.DlqReason;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile records on xrf.readings, sent by a plain byte producer to the screener on the embedded broker
 * and registry: framing, sizes up to and beyond the broker's limit, strings, numbers, enums, keys, timestamps, schema
 * variants, tombstones and headers. Every record the broker took is either dead-lettered with the reason its kind
 * predicts or accepted into its lot; none is lost; the streams stay RUNNING with the same threads; and valid readings
 * sent afterwards still get predictions.
 */
@ExtendWith(EmbeddedStackExtension.class)
class HostileReadingsEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final AvroBinarySerde<XrfReading> AVRO = new AvroBinarySerde<>(XrfReading.class);
    /** Above the broker's message.max.bytes (1,048,588 by default), below this test producer's own limit. */
    private static final int BEYOND_LIMIT = 1_100_000;
    private static final int NEAR_LIMIT = 1_048_000;
    /** Kinds whose dead-letter copy cannot be whole: it is cut to fit, with the original's size and digest. */
    private static final Set<String> CUT = Set.of("near-limit-garbage", "near-limit-zeros-after-framing",
            "near-limit-key", "near-limit-header-on-garbage");

    /** What should become of a record. */
    private sealed interface Expect permits Accepted, DeadLettered, RefusedByBroker {
    }

    private record Accepted() implements Expect {
    }

    /** @param detailMentions a piece of the detail header, or null when any detail will do */
    private record DeadLettered(DlqReason reason, String detailMentions) implements Expect {
    }

    private record RefusedByBroker() implements Expect {
    }

    /** One hostile kind: the record as sent, and what should become of it. */
    private record Case(String kind, byte[] key, byte[] value, RecordHeaders headers, Long timestamp, Expect expect,
                        String readingId) {
    }

    private String run;
    private int schemaId;
    private int lotInfoSchemaId;
    private final List<Case> cases = new ArrayList<>();

    @Test
    void everyHostileRecordIsDeadLetteredWithItsReasonOrAcceptedAndNoneStopsTheStream(EmbeddedStack stack,
                                                                                     @TempDir Path state)
            throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = ScreenerServiceEmbeddedTest.config(stack, "hostile-screener-" + run, state,
                "hostile-model-" + run);
        config.put("reescreen.screener.prediction.interval", "PT0S");
        config.put("reescreen.screener.bootstrap.synthetic-rows", 60); // the model is not what is tested here
        config.put("reescreen.screener.bootstrap.members", 2);
        config.put("reescreen.screener.bootstrap.epochs", 3);
        config.put("reescreen.screener.earliest-timestamp", "2001-01-01T00:00:00Z"); // the service reads the setting
        long started = System.nanoTime();
        try (ScreenerService screener = ScreenerService.start(config)) {
            screener.awaitRunning(STARTUP);
            StreamWatch watch = StreamWatch.start(screener.streams());

            schemaIds(stack);
            Registry registry = new Registry(stack.registryUrl());
            buildCorpus(registry);
            assertTrue(cases.stream().map(Case::kind).distinct().count() >= 40, "at least 40 kinds: " + cases.size());

            // --- send: one record at a time, so the broker's answer is the record's own -----------------------------
            Map<String, RecordMetadata> sent = new LinkedHashMap<>();
            List<String> refused = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = producer(stack)) {
                for (Case c : cases) {
                    try {
                        sent.put(c.kind, producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), null,
                                c.timestamp, c.key, c.value, c.headers)).get());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof RecordTooLargeException
                                || e.getCause() instanceof InvalidTimestampException)) {
                            throw e;
                        }
                        refused.add(c.kind);
                    }
                }
            }
            List<String> expectedRefused = cases.stream().filter(c -> c.expect instanceof RefusedByBroker)
                    .map(Case::kind).toList();
            assertEquals(expectedRefused, refused, "the broker refuses exactly the records beyond its limits");

            // --- what became of each record the broker took -----------------------------------------------------
            Map<String, Case> byKind = cases.stream().collect(Collectors.toMap(Case::kind, c -> c));
            long expectedDead = sent.keySet().stream().filter(k -> byKind.get(k).expect instanceof DeadLettered).count();
            long expectedAccepted = sent.keySet().stream().filter(k -> byKind.get(k).expect instanceof Accepted).count();
            Map<String, String> partitionOffsetToKind = new HashMap<>();
            sent.forEach((kind, m) -> partitionOffsetToKind.put(m.partition() + "@" + m.offset(), kind));

            List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.read(stack.bootstrapServers(),
                    Topics.XRF_READINGS_DLQ.name(), r -> partitionOffsetToKind.containsKey(source(r)), expectedDead,
                    PROCESSING);
            Set<String> acceptedIds = sent.keySet().stream().map(byKind::get).filter(c -> c.expect instanceof Accepted)
                    .map(Case::readingId).collect(Collectors.toSet());
            Deserializer<LotComposition> compositions = stack.serdes().valueSerde(LotComposition.class).deserializer();
            List<ConsumerRecord<byte[], byte[]>> counted = TopicReader.read(stack.bootstrapServers(),
                    Topics.LOT_COMPOSITIONS.name(), r -> acceptedIds.contains(compositions.deserialize(r.topic(),
                            r.headers(), r.value()).getLastReadingId()), expectedAccepted, PROCESSING);

            Map<String, List<String>> outcomes = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                String kind = partitionOffsetToKind.get(source(r));
                outcomes.computeIfAbsent(kind, k -> new ArrayList<>()).add("DLQ " + DlqHeaders.text(r.headers(),
                        DlqHeaders.REASON) + ": " + DlqHeaders.text(r.headers(), DlqHeaders.DETAIL));
                assertTrue(DeadLetter.estimatedBytes(r.key(), r.value(), r.headers())
                        <= DeadLetter.DEFAULT_MAX_RECORD_BYTES, kind + ": the dead letter fits");
                if (CUT.contains(kind)) {
                    assertEquals("true", DlqHeaders.text(r.headers(), DeadLetter.TRUNCATED), kind + " is cut to fit");
                }
            }
            Map<String, String> kindOfReading = new HashMap<>();
            cases.forEach(c -> kindOfReading.put(c.readingId, c.kind));
            for (ConsumerRecord<byte[], byte[]> r : counted) {
                String id = compositions.deserialize(r.topic(), r.headers(), r.value()).getLastReadingId();
                outcomes.computeIfAbsent(kindOfReading.get(id), k -> new ArrayList<>()).add("ACCEPTED");
            }

            int lost = 0;
            List<String> wrong = new ArrayList<>();
            for (String kind : sent.keySet()) {
                Case c = byKind.get(kind);
                List<String> seen = outcomes.getOrDefault(kind, List.of());
                if (seen.isEmpty()) {
                    lost++;
                    wrong.add(kind + ": LOST");
                } else if (seen.size() > 1 || !matches(c.expect, seen.get(0))) {
                    wrong.add(kind + ": expected " + c.expect + ", got " + seen);
                }
            }
            System.out.printf("hostile corpus on xrf.readings: %d kinds, sent %d, refused by the broker %d, "
                            + "dead-lettered %d, accepted %d, lost %d (%.1f s since the screener was started)%n",
                    cases.size(), sent.size(), refused.size(), dead.size(), counted.size(), lost,
                    (System.nanoTime() - started) / 1e9);
            outcomes.forEach((kind, seen) -> System.out.printf("  %-40s %s%n", kind, abbreviate(seen.toString())));
            assertEquals(List.of(), wrong, "every record is dead-lettered with its reason, or accepted, once");
            assertEquals(0, lost);
            assertEquals(sent.size(), dead.size() + counted.size());

            Map<String, ConsumerRecord<byte[], byte[]>> deadByKind = new HashMap<>();
            dead.forEach(r -> deadByKind.put(partitionOffsetToKind.get(source(r)), r));
            ConsumerRecord<byte[], byte[]> nearLimit = deadByKind.get("near-limit-garbage");
            assertEquals(Integer.toString(NEAR_LIMIT), DlqHeaders.text(nearLimit.headers(), DeadLetter.ORIGINAL_VALUE_BYTES));
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(filled(NEAR_LIMIT, (byte) 'X'))),
                    DlqHeaders.text(nearLimit.headers(), DeadLetter.ORIGINAL_VALUE_SHA256));
            assertEquals(Integer.toString(NEAR_LIMIT - 2_000),
                    DlqHeaders.text(deadByKind.get("near-limit-key").headers(), DeadLetter.ORIGINAL_KEY_BYTES));
            assertEquals("1", DlqHeaders.text(deadByKind.get("near-limit-header-on-garbage").headers(),
                    DeadLetter.ORIGINAL_HEADERS_DROPPED));

            // --- the stream is still itself, and still screening ------------------------------------------------
            String lot = "HC-" + run + "-after";
            try (KafkaProducer<byte[], byte[]> producer = producer(stack)) {
                for (int i = 0; i < 3; i++) {
                    XrfReading r = reading(lot, "HC-" + run + "-after-" + i).build();
                    producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), bytes(lot), framed(schemaId,
                            AVRO.toBytes(r)))).get();
                }
            }
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode view = Http.get(screener.uri(), "lots/" + lot).json();
                assertEquals(3, view.path("prediction").path("readingCount").asInt(), view.toString());
            });
            watch.stop();
            assertEquals(Set.of(KafkaStreams.State.RUNNING), watch.states(), "the streams stayed RUNNING");
            assertEquals(watch.threadsAtStart, threads(screener.streams()), "no stream thread died or was replaced");
        }
    }

    // --- the corpus --------------------------------------------------------------------------------------------

    private void buildCorpus(Registry registry) throws Exception {
        XrfReading.Builder valid = reading("x", "x");
        byte[] validBody = AVRO.toBytes(valid.build());

        // framing
        raw("json", value -> "{\"readingId\":\"r\",\"lotId\":\"l\",\"analytes\":[]}".getBytes(StandardCharsets.UTF_8),
                dead(DlqReason.UNDECODABLE, "JSON, not Avro (first byte 0x7B '{', expected 0x00"));
        raw("csv-text", value -> "XRF-CSV;L-1;SiO2=52.0;Al2O3=24.0".getBytes(StandardCharsets.UTF_8),
                dead(DlqReason.UNDECODABLE, "text, not Avro with Confluent framing"));
        raw("wrong-magic-byte", value -> {
            value[0] = 1;
            return value;
        }, dead(DlqReason.UNDECODABLE, "not Avro with Confluent framing (first byte 0x01, expected 0x00)"));
        raw("bare-avro-no-framing", value -> Arrays.copyOfRange(value, 5, value.length),
                dead(DlqReason.UNDECODABLE, "Confluent framing"));
        raw("empty-value", value -> new byte[0], dead(DlqReason.UNDECODABLE, "an empty value (0 bytes)"));
        raw("framing-cut-at-3-bytes", value -> new byte[] {0, 0, 0}, dead(DlqReason.UNDECODABLE, "truncated after 3 bytes"));
        raw("unknown-schema-id", value -> framed(0x7FFF_FF00, Arrays.copyOfRange(value, 5, value.length)),
                dead(DlqReason.UNDECODABLE, "unknown schema id " + 0x7FFF_FF00));
        raw("tombstone", value -> null, dead(DlqReason.UNDECODABLE, "tombstone"));
        raw("truncated-body", value -> Arrays.copyOf(value, value.length / 2), dead(DlqReason.UNDECODABLE, "truncated after"));
        raw("trailing-bytes", value -> Arrays.copyOf(value, value.length + 7),
                dead(DlqReason.UNDECODABLE, "7 trailing bytes after a complete XrfReading"));
        raw("random-bytes-after-framing", value -> {
            byte[] junk = new byte[200];
            new Random(7).nextBytes(junk);
            return framed(schemaId, junk);
        }, dead(DlqReason.UNDECODABLE, null));
        raw("string-claiming-2-gb", value -> framed(schemaId, concat(varint(Integer.MAX_VALUE - 8), new byte[] {'R'})),
                dead(DlqReason.UNDECODABLE, "a string of 2147483639 bytes declared"));
        raw("array-claiming-a-billion-items", value -> framed(schemaId, concat(Arrays.copyOf(validBody,
                analytesOffset(validBody)), varint(1_000_000_000L), new byte[] {2, 'x'})),
                dead(DlqReason.UNDECODABLE, "declares 1000000000 items"));
        raw("invalid-utf8-in-lot-id", value -> {
            int lotAt = 5 + 1 + (value[5] >> 1) + 1 + (value[6 + (value[5] >> 1)] >> 1) + 1; // after two ids
            value[lotAt] = (byte) 0xC3;
            return value;
        }, dead(DlqReason.UNDECODABLE, "lotId is not valid UTF-8"));
        raw("enum-index-out-of-range", value -> {
            value[5 + analytesOffset(Arrays.copyOfRange(value, 5, value.length)) - 2] = 40;
            return value;
        }, dead(DlqReason.UNDECODABLE, "index 20 does not exist"));
        raw("another-record-type", value -> framed(lotInfoSchemaId, new AvroBinarySerde<>(LotInfo.class).toBytes(
                LotInfo.newBuilder().setLotId("L").setSiteId("S").setUpdatedAt(Instant.now()).build())),
                dead(DlqReason.UNDECODABLE, "a io.reescreen.schemas.LotInfo (schema id " + lotInfoSchemaId + ")"));

        // sizes
        raw("near-limit-garbage", value -> filled(NEAR_LIMIT, (byte) 'X'), dead(DlqReason.UNDECODABLE, "text, not Avro"));
        raw("near-limit-zeros-after-framing", value -> framed(schemaId, new byte[NEAR_LIMIT - 5]),
                dead(DlqReason.UNDECODABLE, "trailing bytes"));
        add("near-limit-calibration-id-valid", b -> b.setCalibrationId("C".repeat(NEAR_LIMIT - 1_000)), new Accepted());
        add("near-limit-analytes-list", b -> {
            List<AnalyteReading> many = new ArrayList<>(b.getAnalytes());
            for (int i = 0; i < 40_000; i++) {
                many.add(AnalyteReading.newBuilder().setAnalyte("SO3").setValueInBasisUnit(0.1).build());
            }
            return b.setAnalytes(many);
        }, dead(DlqReason.INVALID_VALUE, "SO3 is reported twice"));
        raw("beyond-broker-limit", value -> filled(BEYOND_LIMIT, (byte) 'Y'), new RefusedByBroker());

        // headers
        Case nearLimitHeader = add("near-limit-header-on-valid-reading", b -> b, new Accepted());
        nearLimitHeader.headers.add("blob", filled(NEAR_LIMIT - 3_000, (byte) 'h'));
        Case manyHeaders = add("two-thousand-headers-on-valid-reading", b -> b, new Accepted());
        for (int i = 0; i < 2_000; i++) {
            manyHeaders.headers.add("h" + i, bytes("v" + i));
        }
        Case garbageWithHeader = raw("near-limit-header-on-garbage", value -> "junk".getBytes(StandardCharsets.UTF_8),
                dead(DlqReason.UNDECODABLE, "text, not Avro"));
        garbageWithHeader.headers.add("blob", filled(NEAR_LIMIT - 3_000, (byte) 'h'));

        // strings
        add("empty-reading-id", b -> b.setReadingId(""), dead(DlqReason.MISSING_ID, "readingId is blank"));
        add("blank-analyzer-id", b -> b.setAnalyzerId("   "), dead(DlqReason.MISSING_ID, "analyzerId is blank"));
        add("control-character-in-reading-id", b -> b.setReadingId(b.getReadingId() + "\u0007"),
                dead(DlqReason.INVALID_ID, "U+0007"));
        addWithLot("nul-in-lot-id", "HC-" + run + "\u0000nul", b -> b, dead(DlqReason.INVALID_ID, "U+0000"));
        addWithLot("lot-id-257-bytes", "L".repeat(257), b -> b, dead(DlqReason.ID_TOO_LONG, "lotId is 257 bytes"));
        add("analyzer-id-70-kb", b -> b.setAnalyzerId("A".repeat(70_000)),
                dead(DlqReason.ID_TOO_LONG, "analyzerId is 70000 bytes"));
        add("reading-id-600-kb", b -> b.setReadingId("R".repeat(600_000)),
                dead(DlqReason.ID_TOO_LONG, "readingId is 600000 bytes"));
        addWithLot("emoji-lot-id-256-bytes", "HC-" + run + "-" + "\uD83E\uDEA8".repeat(61), b -> b, new Accepted());
        addWithLot("rtl-and-combining-lot-id", "HC-" + run + "-שלום-e\u0301\u0303", b -> b, new Accepted());

        // numbers
        add("nan-value", analyte("Al2O3", Double.NaN, 0.5), dead(DlqReason.INVALID_VALUE, "NaN"));
        add("positive-infinity", analyte("CaO", Double.POSITIVE_INFINITY, 0.1), dead(DlqReason.INVALID_VALUE, "Infinity"));
        add("negative-infinity-sigma", analyte("MgO", 1.5, Double.NEGATIVE_INFINITY),
                dead(DlqReason.INVALID_VALUE, "-Infinity"));
        add("negative-value", analyte("Fe2O3", -8.0, 0.2), dead(DlqReason.INVALID_VALUE, "is negative"));
        add("huge-value", analyte("SiO2", 1e308, 1.0), dead(DlqReason.INVALID_VALUE, "exceeds 100 wt %"));
        add("all-zero", b -> {
            List<AnalyteReading> zeros = new ArrayList<>(b.getAnalytes());
            zeros.replaceAll(a -> AnalyteReading.newBuilder(a).setValueInBasisUnit(0.0).build());
            return b.setAnalytes(zeros);
        }, dead(DlqReason.IMPLAUSIBLE_TOTAL, null));
        add("zero-ash-yield", b -> b.setMaterialBasis(MaterialBasis.WHOLE_COAL).setAshYieldWtPct(0.0),
                dead(DlqReason.INVALID_VALUE, "ashYieldWtPct"));
        add("loi-a-billion", b -> b.setLossOnIgnitionWtPct(1e9), dead(DlqReason.INVALID_VALUE, "lossOnIgnitionWtPct"));
        add("smallest-double-sigma", analyte("TiO2", 1.2, Double.MIN_VALUE), new Accepted());

        // enums
        add("basis-unknown", b -> b.setBasis(CompositionBasis.UNKNOWN), dead(DlqReason.UNKNOWN_BASIS, "basis"));
        add("material-basis-unknown", b -> b.setMaterialBasis(MaterialBasis.UNKNOWN),
                dead(DlqReason.UNKNOWN_BASIS, "materialBasis"));
        add("element-in-oxide-reading", analyte("Al2O3", "Al", 12.7), dead(DlqReason.UNKNOWN_BASIS, "'Al'"));

        // keys
        keyed("null-key", null, dead(DlqReason.LOT_KEY_MISMATCH, "record key is null"));
        keyed("other-lot-key", bytes("HC-" + run + "-someone-else"), dead(DlqReason.LOT_KEY_MISMATCH, "someone-else"));
        keyed("invalid-utf8-key", new byte[] {'H', (byte) 0xC3, 'C'}, dead(DlqReason.LOT_KEY_MISMATCH, null));
        keyed("half-megabyte-key", filled(500_000, (byte) 'k'), dead(DlqReason.LOT_KEY_MISMATCH, "kkkk"));
        keyed("near-limit-key", filled(NEAR_LIMIT - 2_000, (byte) 'k'), dead(DlqReason.LOT_KEY_MISMATCH, "kkkk"));

        // timestamps
        // A Kafka 4.x broker refuses a record time more than log.message.timestamp.after.max.ms ahead (1 h by
        // default; unbounded in 3.9); a record time ahead by less is the screener's to dead-letter.
        timed("record-time-year-2999", Instant.parse("2999-01-01T00:00:00Z").toEpochMilli(), new RefusedByBroker());
        timed("record-time-half-an-hour-ahead", Instant.now().plus(Duration.ofMinutes(30)).toEpochMilli(),
                dead(DlqReason.FUTURE_TIMESTAMP, "s after the wall clock"));
        timed("record-time-zero", 0L, dead(DlqReason.EARLY_TIMESTAMP, "the record timestamp 1970"));
        add("sampled-at-long-min", b -> b.setSampledAt(Instant.ofEpochMilli(Long.MIN_VALUE)),
                dead(DlqReason.EARLY_TIMESTAMP, "sampledAt"));
        add("sampled-at-long-max", b -> b.setSampledAt(Instant.ofEpochMilli(Long.MAX_VALUE)),
                dead(DlqReason.FUTURE_TIMESTAMP, "sampledAt"));
        add("sampled-at-1999", b -> b.setSampledAt(Instant.parse("1999-12-31T23:59:59Z")),
                dead(DlqReason.EARLY_TIMESTAMP, "1999-12-31"));
        add("sampled-an-hour-ahead", b -> b.setSampledAt(Instant.now().plus(Duration.ofHours(1))),
                dead(DlqReason.FUTURE_TIMESTAMP, "sampledAt"));
        add("sampled-before-the-configured-earliest", b -> b.setSampledAt(Instant.parse("2000-06-01T00:00:00Z")),
                dead(DlqReason.EARLY_TIMESTAMP, "is before 2001-01-01T00:00:00Z"));
        add("sampled-in-2001-valid", b -> b.setSampledAt(Instant.parse("2001-03-04T05:06:07Z")), new Accepted());

        // schema variants, registered under subjects of their own (xrf.readings-value keeps its latest)
        Schema current = XrfReading.getClassSchema();
        variant(registry, "older-schema-without-calibration-id", without(current, "calibrationId"), new Accepted());
        variant(registry, "newer-schema-with-an-optional-field", withNote(current), new Accepted());
        variant(registry, "schema-without-a-required-field", without(current, "analyzerId"),
                dead(DlqReason.UNDECODABLE, "cannot be read as an XrfReading"));
        variant(registry, "same-name-other-namespace", renamed(current, "org.example.xrf"),
                dead(DlqReason.UNDECODABLE, "a org.example.xrf.XrfReading"));

        // the validator's own reasons, for completeness
        add("no-cao", b -> b.setAnalytes(b.getAnalytes().stream().filter(a -> !a.getAnalyte().equals("CaO")).toList()),
                dead(DlqReason.MISSING_ANALYTE, "CaO"));
        add("whole-coal-without-ash-yield", b -> b.setMaterialBasis(MaterialBasis.WHOLE_COAL),
                dead(DlqReason.MISSING_ASH_YIELD, "ashYieldWtPct"));
        add("plain-valid-reading", b -> b, new Accepted());
    }

    private static DeadLettered dead(DlqReason reason, String detailMentions) {
        return new DeadLettered(reason, detailMentions);
    }

    /** A valid reading of its own lot, changed. */
    private Case add(String kind, UnaryOperator<XrfReading.Builder> change, Expect expect) {
        return addWithLot(kind, "HC-" + run + "-" + kind, change, expect);
    }

    private Case addWithLot(String kind, String lot, UnaryOperator<XrfReading.Builder> change, Expect expect) {
        XrfReading r = change.apply(reading(lot, "HC-" + run + "-r-" + kind)).build();
        return add(new Case(kind, bytes(lot), framed(schemaId, AVRO.toBytes(r)), new RecordHeaders(), null, expect,
                r.getReadingId()));
    }

    /** A valid reading's framed bytes, changed byte-wise. */
    private Case raw(String kind, UnaryOperator<byte[]> change, Expect expect) {
        String lot = "HC-" + run + "-" + kind;
        XrfReading r = reading(lot, "HC-" + run + "-r-" + kind).build();
        return add(new Case(kind, bytes(lot), change.apply(framed(schemaId, AVRO.toBytes(r))), new RecordHeaders(), null,
                expect, r.getReadingId()));
    }

    private void keyed(String kind, byte[] key, Expect expect) {
        XrfReading r = reading("HC-" + run + "-" + kind, "HC-" + run + "-r-" + kind).build();
        add(new Case(kind, key, framed(schemaId, AVRO.toBytes(r)), new RecordHeaders(), null, expect, r.getReadingId()));
    }

    private void timed(String kind, long timestamp, Expect expect) {
        String lot = "HC-" + run + "-" + kind;
        XrfReading r = reading(lot, "HC-" + run + "-r-" + kind).build();
        add(new Case(kind, bytes(lot), framed(schemaId, AVRO.toBytes(r)), new RecordHeaders(), timestamp, expect,
                r.getReadingId()));
    }

    /** A valid reading written with another writer schema, registered under a subject of its own. */
    private void variant(Registry registry, String kind, Schema writer, Expect expect) throws Exception {
        int id = registry.register("hostile-" + run + "-" + kind, writer);
        String lot = "HC-" + run + "-" + kind;
        XrfReading r = reading(lot, "HC-" + run + "-r-" + kind).build();
        GenericRecord current = new GenericDatumReader<GenericRecord>(XrfReading.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(AVRO.toBytes(r), null));
        GenericRecord copy = new GenericData.Record(writer);
        for (Schema.Field f : writer.getFields()) {
            copy.put(f.name(), current.getSchema().getField(f.name()) == null ? "note" : current.get(f.name()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(copy, encoder);
        encoder.flush();
        add(new Case(kind, bytes(lot), framed(id, out.toByteArray()), new RecordHeaders(), null, expect,
                r.getReadingId()));
    }

    private Case add(Case c) {
        cases.add(c);
        return c;
    }

    private static UnaryOperator<XrfReading.Builder> analyte(String name, double value, double sigma) {
        return b -> {
            List<AnalyteReading> list = new ArrayList<>(b.getAnalytes());
            list.replaceAll(a -> a.getAnalyte().equals(name) ? AnalyteReading.newBuilder().setAnalyte(name)
                    .setValueInBasisUnit(value).setSigma1InBasisUnit(sigma).build() : a);
            return b.setAnalytes(list);
        };
    }

    private static UnaryOperator<XrfReading.Builder> analyte(String name, String renamed, double value) {
        return b -> {
            List<AnalyteReading> list = new ArrayList<>(b.getAnalytes());
            list.replaceAll(a -> a.getAnalyte().equals(name) ? AnalyteReading.newBuilder().setAnalyte(renamed)
                    .setValueInBasisUnit(value).build() : a);
            return b.setAnalytes(list);
        };
    }

    /** A typical fly ash in oxide wt %, sampled a minute ago. */
    private static XrfReading.Builder reading(String lot, String readingId) {
        Map<MajorOxide, Double> wtPct = new EnumMap<>(MajorOxide.class);
        wtPct.put(MajorOxide.SIO2, 52.0);
        wtPct.put(MajorOxide.AL2O3, 24.0);
        wtPct.put(MajorOxide.CAO, 5.0);
        wtPct.put(MajorOxide.FE2O3, 8.0);
        wtPct.put(MajorOxide.MGO, 1.5);
        wtPct.put(MajorOxide.NA2O, 0.8);
        wtPct.put(MajorOxide.K2O, 2.2);
        wtPct.put(MajorOxide.TIO2, 1.2);
        wtPct.put(MajorOxide.P2O5, 0.3);
        wtPct.put(MajorOxide.MNO, 0.05);
        List<AnalyteReading> analytes = new ArrayList<>();
        wtPct.forEach((o, v) -> analytes.add(AnalyteReading.newBuilder().setAnalyte(o.formula()).setValueInBasisUnit(v)
                .setSigma1InBasisUnit(v * 0.02).build()));
        return XrfReading.newBuilder().setReadingId(readingId).setAnalyzerId("XRF-HOSTILE").setLotId(lot)
                .setSampledAt(Instant.now().minus(Duration.ofMinutes(1))).setBasis(CompositionBasis.OXIDE_WT_PCT)
                .setMaterialBasis(MaterialBasis.ASH).setAnalytes(analytes);
    }

    // --- schemas ---------------------------------------------------------------------------------------------

    /** The ids the registry gave this build's XrfReading and LotInfo schemas, as the services' serializers use them. */
    private void schemaIds(EmbeddedStack stack) {
        XrfReading r = reading("HC-" + run + "-id", "HC-" + run + "-id").build();
        schemaId = ByteBuffer.wrap(stack.serdes().valueSerde(XrfReading.class).serializer()
                .serialize(Topics.XRF_READINGS.name(), r)).getInt(1);
        LotInfo lot = LotInfo.newBuilder().setLotId("HC-" + run).setSiteId("S").setUpdatedAt(Instant.now()).build();
        lotInfoSchemaId = ByteBuffer.wrap(stack.serdes().valueSerde(LotInfo.class).serializer()
                .serialize(Topics.LOTS.name(), lot)).getInt(1);
    }

    private static Schema without(Schema s, String field) {
        return Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), false, s.getFields().stream()
                .filter(f -> !f.name().equals(field)).map(f -> new Schema.Field(f, f.schema())).toList());
    }

    private static Schema withNote(Schema s) {
        List<Schema.Field> fields = new ArrayList<>(s.getFields().stream().map(f -> new Schema.Field(f, f.schema())).toList());
        fields.add(new Schema.Field("operatorNote", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "added by a newer producer", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), false, fields);
    }

    private static Schema renamed(Schema s, String namespace) {
        return Schema.createRecord(s.getName(), s.getDoc(), namespace, false,
                s.getFields().stream().map(f -> new Schema.Field(f, f.schema())).toList());
    }

    /** The registry's Confluent-compatible API, as an outside producer registers a schema. */
    private static final class Registry {
        private final URI subjects;
        private final HttpClient http = HttpClient.newHttpClient();
        private final ObjectMapper json = new ObjectMapper();

        Registry(String coreApiUrl) {
            this.subjects = URI.create(coreApiUrl.replace("/apis/registry/v3", "/apis/ccompat/v7") + "/subjects/");
        }

        int register(String subject, Schema schema) throws Exception {
            String body = json.writeValueAsString(Map.of("schema", schema.toString()));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(subjects.resolve(subject + "/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            return json.readTree(answer.body()).path("id").asInt();
        }
    }

    // --- watching the streams ----------------------------------------------------------------------------------

    /** Samples the streams' state every 20 ms from start to stop. */
    private static final class StreamWatch {
        private final KafkaStreams streams;
        private final Set<KafkaStreams.State> seen = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Set<String> threadsAtStart;
        private final Thread sampler;

        private StreamWatch(KafkaStreams streams) {
            this.streams = streams;
            this.threadsAtStart = threads(streams);
            this.sampler = new Thread(() -> {
                while (running.get()) {
                    seen.add(streams.state());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "hostile-corpus-stream-watch");
        }

        static StreamWatch start(KafkaStreams streams) {
            StreamWatch w = new StreamWatch(streams);
            w.sampler.setDaemon(true);
            w.sampler.start();
            return w;
        }

        void stop() throws InterruptedException {
            running.set(false);
            sampler.join();
            seen.add(streams.state());
        }

        Set<KafkaStreams.State> states() {
            return seen;
        }
    }

    private static Set<String> threads(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadName).collect(Collectors.toSet());
    }

    // --- bytes ------------------------------------------------------------------------------------------------

    private static boolean matches(Expect expect, String seen) {
        if (expect instanceof Accepted) {
            return seen.equals("ACCEPTED");
        }
        DeadLettered d = (DeadLettered) expect;
        return seen.startsWith("DLQ " + d.reason.name() + ": ")
                && (d.detailMentions == null || seen.contains(d.detailMentions));
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                // the broker, not this producer, is to refuse what is beyond its limit
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * BEYOND_LIMIT,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * BEYOND_LIMIT),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String source(ConsumerRecord<byte[], byte[]> r) {
        if (!Topics.XRF_READINGS.name().equals(DlqHeaders.text(r.headers(), DlqHeaders.SOURCE_TOPIC))) {
            return "";
        }
        return DlqHeaders.text(r.headers(), DlqHeaders.SOURCE_PARTITION) + "@"
                + DlqHeaders.text(r.headers(), DlqHeaders.SOURCE_OFFSET);
    }

    /** Where the analytes start in a bare body: after three short ids, sampledAt, basis and materialBasis. */
    private static int analytesOffset(byte[] body) {
        int at = 0;
        for (int field = 0; field < 3; field++) {
            at += 1 + (body[at] >> 1);
        }
        while ((body[at] & 0x80) != 0) {
            at++;
        }
        return at + 1 + 2;
    }

    static byte[] framed(int schemaId, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long z = (value << 1) ^ (value >> 63);
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] filled(int size, byte b) {
        byte[] out = new byte[size];
        Arrays.fill(out, b);
        return out;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
