package io.reescreen.retrainer.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.retrainer.examples.ExampleStores;
import io.reescreen.retrainer.examples.IgnoredReason;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.retrainer.testing.ServiceConfig;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.LabReeValue;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A hostile corpus on the real broker and registry against lab.results and lots: every record ends up dead-lettered
 * with a specific reason, accepted (an example, or waiting for its composition; a lot kept or deleted), or, on lots
 * only, passed over and counted; none is lost, the retrainer's streams stay RUNNING, and a valid lab result afterwards
 * still becomes a training example. Then the broker stops and /health still answers within a second. Its own stack,
 * so the counts are exact and the broker can be stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration PROCESSING = Duration.ofSeconds(90);
    /** Unit: bytes. Just under the producer's default max.request.size (1,048,576) with the key and overhead. */
    private static final int NEAR_LIMIT = 1_048_000;
    private static final String TOKEN = "hostile-input-test-token";

    private EmbeddedStack stack;
    private RetrainerService retrainer;
    private Path dir;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<KafkaStreams.State> statesSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ScheduledExecutorService stateWatch;

    @BeforeAll
    void start() throws Exception {
        stack = EmbeddedStack.start();
        dir = Files.createTempDirectory("hostile-retrainer-");
        Path model = ServiceConfig.bootstrapModel(dir, new BootstrapModel.SyntheticSpecification(120, 2, 20, 42));
        Map<String, Object> config = ServiceConfig.of("retrainer", stack, "hostile-retrainer-" + run,
                dir.resolve("state"), model);
        config.put("kafka.streams.retrainer.commit.interval.ms", 200);
        config.put("reescreen.retrainer.retrain-every", 1000);
        config.put("reescreen.retrainer.auth-token", TOKEN);
        retrainer = RetrainerService.start(config);
        retrainer.awaitReady(STARTUP);
        stateWatch = Executors.newSingleThreadScheduledExecutor();
        stateWatch.scheduleAtFixedRate(() -> statesSeen.add(retrainer.runtime().state()), 0, 100, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    void stop() {
        if (stateWatch != null) {
            stateWatch.shutdownNow();
        }
        if (retrainer != null) {
            retrainer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void everyHostileLabResultAndLotsRecordIsDeadLetteredAcceptedOrCountedAndTheStreamsKeepRunning() throws Exception {
        Serializer<LabResult> labs = stack.serdes().valueSerde(LabResult.class).serializer();
        Serializer<LotInfo> lotInfos = stack.serdes().valueSerde(LotInfo.class).serializer();
        Serializer<LotComposition> compositions = stack.serdes().valueSerde(LotComposition.class).serializer();
        String lot = "HL-" + run;
        String waitingLot = "HW-" + run;
        Random random = new Random(11);

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576), new ByteArraySerializer(), new ByteArraySerializer())) {
            // The lots the lab results belong to: one with a composition, one without (its results wait).
            send(producer, Topics.LOTS.name(), lot, lotInfos.serialize(Topics.LOTS.name(), LabFixtures.lot(lot, "YARD-H")));
            send(producer, Topics.LOTS.name(), waitingLot,
                    lotInfos.serialize(Topics.LOTS.name(), LabFixtures.lot(waitingLot, "YARD-H")));
            send(producer, Topics.LOT_COMPOSITIONS.name(), lot,
                    compositions.serialize(Topics.LOT_COMPOSITIONS.name(), LabFixtures.composition(lot, 5)));
            await().atMost(PROCESSING).until(() -> lotStore().get(lot) != null && lotStore().get(waitingLot) != null);

            // --- lab.results: kind → expected outcome (a DLQ reason, or ACCEPTED) ---------------------------------
            Map<String, String> expected = new LinkedHashMap<>();
            Map<String, RecordMetadata> sent = new LinkedHashMap<>();
            Function<LabResult, byte[]> enc = l -> labs.serialize(Topics.LAB_RESULTS.name(), l);
            byte[] valid = enc.apply(LabFixtures.labInElementPpm("HV-1-" + run, lot).build());
            lab(producer, sent, expected, "valid, element mg/kg", lot, valid, "ACCEPTED");
            lab(producer, sent, expected, "valid, oxide ppm mol", lot,
                    enc.apply(LabFixtures.labInPpmMol("HV-2-" + run, lot).build()), "ACCEPTED");
            lab(producer, sent, expected, "valid, whole coal with ash yield", lot, enc.apply(LabFixtures.labInPpmMol(
                    "HV-3-" + run, lot).setMaterialBasis(MaterialBasis.WHOLE_COAL).setAshYieldWtPct(20.0).build()), "ACCEPTED");
            lab(producer, sent, expected, "valid, lot without a composition yet (waits)", waitingLot,
                    enc.apply(LabFixtures.labInPpmMol("HV-4-" + run, waitingLot).build()), "ACCEPTED");
            lab(producer, sent, expected, "random bytes", lot, bytes(random, 100), "UNDECODABLE");
            lab(producer, sent, expected, "JSON", lot, "{\"labResultId\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                    "UNDECODABLE");
            byte[] wrongMagic = valid.clone();
            wrongMagic[0] = 1;
            lab(producer, sent, expected, "wrong magic byte", lot, wrongMagic, "UNDECODABLE");
            byte[] unknownId = valid.clone();
            unknownId[1] = 0x7f;
            lab(producer, sent, expected, "unknown schema id", lot, unknownId, "UNDECODABLE");
            lab(producer, sent, expected, "truncated", lot, Arrays.copyOf(valid, valid.length / 2), "UNDECODABLE");
            lab(producer, sent, expected, "empty value", lot, new byte[0], "UNDECODABLE");
            lab(producer, sent, expected, "garbage near the broker's limit", lot, bytes(random, NEAR_LIMIT), "OVERSIZE");
            lab(producer, sent, expected, "valid with a 600 KB labResultId", lot,
                    enc.apply(LabFixtures.labInPpmMol("X".repeat(600_000), lot).build()), "OVERSIZE");
            lab(producer, sent, expected, "valid with a 300-byte labResultId", lot,
                    enc.apply(LabFixtures.labInPpmMol("Y".repeat(300), lot).build()), "INVALID_ID");
            lab(producer, sent, expected, "a 2 KB labId", lot,
                    enc.apply(LabFixtures.labInPpmMol("HB-1-" + run, lot).setLabId("Z".repeat(2048)).build()), "INVALID_ID");
            lab(producer, sent, expected, "empty labResultId", lot,
                    enc.apply(LabFixtures.labInPpmMol("", lot).build()), "MISSING_ID");
            lab(producer, sent, expected, "tombstone", lot, null, "TOMBSTONE");
            lab(producer, sent, expected, "a LotInfo under its own schema id", lot,
                    lotInfos.serialize(Topics.LOTS.name(), LabFixtures.lot(lot, "YARD-H")), "WRONG_TYPE");
            lab(producer, sent, expected, "NaN value", lot, enc.apply(withValue("HB-2-" + run, lot, Double.NaN)),
                    "INVALID_VALUE");
            lab(producer, sent, expected, "negative value", lot, enc.apply(withValue("HB-3-" + run, lot, -5.0)),
                    "INVALID_VALUE");
            lab(producer, sent, expected, "La at 1e12 mg/kg", lot, enc.apply(withValue("HB-4-" + run, lot, 1e12)),
                    "IMPLAUSIBLE_VALUE");
            List<LabReeValue> overMass = new ArrayList<>();
            for (ReeOxide o : ReeOxide.PAPER_ORDER) {
                overMass.add(LabFixtures.value(o, LabConcentrationUnit.PPM_MASS_ELEMENT, 1.5e6 / 16));
            }
            lab(producer, sent, expected, "REE adding up to 1.5 x the sample's mass", lot,
                    enc.apply(LabFixtures.labInElementPpm("HB-5-" + run, lot).setValues(overMass).build()), "IMPLAUSIBLE_VALUE");
            List<LabReeValue> infiniteSigma = new ArrayList<>(LabFixtures.labInPpmMol("x", lot).getValues());
            infiniteSigma.set(2, LabReeValue.newBuilder(infiniteSigma.get(2)).setSigma1InUnit(Double.POSITIVE_INFINITY).build());
            lab(producer, sent, expected, "infinite sigma", lot,
                    enc.apply(LabFixtures.labInPpmMol("HB-6-" + run, lot).setValues(infiniteSigma).build()), "INVALID_VALUE");
            lab(producer, sent, expected, "key is another lot", "OTHER-" + run,
                    enc.apply(LabFixtures.labInPpmMol("HB-7-" + run, lot).build()), "LOT_KEY_MISMATCH");
            lab(producer, sent, expected, "no key", null, enc.apply(LabFixtures.labInPpmMol("HB-8-" + run, lot).build()),
                    "LOT_KEY_MISMATCH");
            lab(producer, sent, expected, "unknown lot", "NOPE-" + run,
                    enc.apply(LabFixtures.labInPpmMol("HB-9-" + run, "NOPE-" + run).build()), "UNKNOWN_LOT");
            List<LabReeValue> missing = new ArrayList<>(LabFixtures.labInPpmMol("x", lot).getValues());
            missing.remove(4);
            lab(producer, sent, expected, "an element missing", lot,
                    enc.apply(LabFixtures.labInPpmMol("HB-10-" + run, lot).setValues(missing).build()), "MISSING_ELEMENT");
            List<LabReeValue> twice = new ArrayList<>(LabFixtures.labInPpmMol("x", lot).getValues());
            twice.add(twice.get(0));
            lab(producer, sent, expected, "an element twice", lot,
                    enc.apply(LabFixtures.labInPpmMol("HB-11-" + run, lot).setValues(twice).build()), "DUPLICATE_ELEMENT");
            List<LabReeValue> unknownUnit = new ArrayList<>(LabFixtures.labInPpmMol("x", lot).getValues());
            unknownUnit.set(0, LabFixtures.value(ReeOxide.PAPER_ORDER.get(0), LabConcentrationUnit.UNKNOWN, 1.0));
            lab(producer, sent, expected, "unit UNKNOWN", lot,
                    enc.apply(LabFixtures.labInPpmMol("HB-12-" + run, lot).setValues(unknownUnit).build()), "UNKNOWN_UNIT");
            lab(producer, sent, expected, "whole coal without ash yield", lot, enc.apply(LabFixtures.labInPpmMol(
                    "HB-13-" + run, lot).setMaterialBasis(MaterialBasis.WHOLE_COAL).build()), "MISSING_ASH_YIELD");
            // Record framing at the limit: a 900 KB key, and 900 KB of headers, on small garbage.
            sent.put("a 900 KB key", producer.send(new ProducerRecord<>(Topics.LAB_RESULTS.name(),
                    bytes(random, 900_000), bytes(random, 50))).get());
            expected.put("a 900 KB key", "UNDECODABLE");
            RecordHeaders heavy = new RecordHeaders();
            heavy.add("x-junk", bytes(random, 900_000));
            sent.put("900 KB of headers", producer.send(new ProducerRecord<>(Topics.LAB_RESULTS.name(), null,
                    lot.getBytes(StandardCharsets.UTF_8), bytes(random, 50), heavy)).get());
            expected.put("900 KB of headers", "UNDECODABLE");

            // --- lots: kind → KEPT, DELETED or the reason it is passed over ----------------------------------------
            Map<String, String> lotsExpected = new LinkedHashMap<>();
            String kept = "HK-" + run;
            lots(producer, lotsExpected, "valid", kept, lotInfos.serialize("lots", LabFixtures.lot(kept, "YARD-H")), "KEPT");
            String gone = "HG-" + run;
            lots(producer, lotsExpected, "valid, then", gone, lotInfos.serialize("lots", LabFixtures.lot(gone, "YARD-H")),
                    "KEPT");
            lots(producer, lotsExpected, "its tombstone", gone, null, "DELETED");
            lots(producer, lotsExpected, "random bytes", "HR-" + run, bytes(random, 100), "UNDECODABLE");
            lots(producer, lotsExpected, "garbage near the broker's limit", "HN-" + run, bytes(random, NEAR_LIMIT),
                    "UNDECODABLE");
            lots(producer, lotsExpected, "JSON", "HJ-" + run, "{}".getBytes(StandardCharsets.UTF_8), "UNDECODABLE");
            lots(producer, lotsExpected, "empty value", "HE-" + run, new byte[0], "UNDECODABLE");
            lots(producer, lotsExpected, "a LabResult under its own schema id", "HT-" + run, valid, "WRONG_TYPE");
            String bigSite = "HS-" + run;
            lots(producer, lotsExpected, "a 64 KB siteId", bigSite, lotInfos.serialize("lots",
                    LotInfo.newBuilder(LabFixtures.lot(bigSite, "S")).setSiteId("S".repeat(65_536)).build()), "INVALID_ID");
            String bigBasin = "HB-" + run;
            lots(producer, lotsExpected, "a valid LotInfo near the limit (1 MB basin)", bigBasin, lotInfos.serialize("lots",
                    LotInfo.newBuilder(LabFixtures.lot(bigBasin, "S")).setBasin("B".repeat(1_040_000)).build()),
                    "INVALID_ID");
            String longId = "L".repeat(300);
            lots(producer, lotsExpected, "a 300-byte lot id", longId, lotInfos.serialize("lots",
                    LabFixtures.lot(longId, "S")), "INVALID_ID");
            lots(producer, lotsExpected, "key is another lot", "HM-" + run, lotInfos.serialize("lots",
                    LabFixtures.lot("HX-" + run, "S")), "LOT_KEY_MISMATCH");
            // (a null key the broker itself refuses on a compacted topic)
            lots(producer, lotsExpected, "empty key", "", lotInfos.serialize("lots", LabFixtures.lot("HZ-" + run, "S")),
                    "MISSING_ID");
            lots(producer, lotsExpected, "a 900 KB key", "K".repeat(900_000), bytes(random, 10), "INVALID_ID");
            byte[] wrongMagicLot = lotInfos.serialize("lots", LabFixtures.lot("HW2-" + run, "S"));
            wrongMagicLot[0] = 3;
            lots(producer, lotsExpected, "wrong magic byte", "HW2-" + run, wrongMagicLot, "UNDECODABLE");

            // --- afterwards: a valid lab result still becomes a training example -----------------------------------
            lab(producer, sent, expected, "valid, after everything", lot,
                    enc.apply(LabFixtures.labInPpmMol("HV-LAST-" + run, lot).build()), "ACCEPTED");

            // --- lab.results accounting -----------------------------------------------------------------------------
            Map<String, String> outcome = new ConcurrentHashMap<>();
            Map<String, String> bySource = new HashMap<>();
            sent.forEach((kind, m) -> bySource.put(m.partition() + "@" + m.offset(), kind));
            Deserializer<TrainingExample> examples = stack.serdes().valueSerde(TrainingExample.class).deserializer();
            await().atMost(PROCESSING).pollInterval(Duration.ofSeconds(1)).until(() -> {
                outcome.clear();
                LatestRecords.readRecords(stack.bootstrapServers(), Topics.LAB_RESULTS_DLQ.name(), r -> {
                    String kind = bySource.get(DlqHeaders.text(r.headers(), DlqHeaders.SOURCE_PARTITION) + "@"
                            + DlqHeaders.text(r.headers(), DlqHeaders.SOURCE_OFFSET));
                    assertTrue(DeadLetter.estimatedBytes(r.key(), r.value(), r.headers()) <= DeadLetter.DEFAULT_MAX_RECORD_BYTES);
                    if (kind != null && outcome.put(kind, DlqHeaders.text(r.headers(), DlqHeaders.REASON)) != null) {
                        throw new AssertionError(kind + " dead-lettered twice");
                    }
                });
                LatestRecords.readRecords(stack.bootstrapServers(), Topics.TRAINING_EXAMPLES.name(), r -> {
                    TrainingExample e = examples.deserialize(r.topic(), r.headers(), r.value());
                    String kind = bySource.get(e.getLabResultPartition() + "@" + e.getLabResultOffset());
                    if (kind != null && outcome.put(kind, "ACCEPTED") != null) {
                        throw new AssertionError(kind + " has two outcomes");
                    }
                });
                String waitingKind = "valid, lot without a composition yet (waits)";
                if (waitingStore().get(waitingLot + '\u0000' + "HV-4-" + run) != null) {
                    outcome.putIfAbsent(waitingKind, "ACCEPTED");
                }
                return outcome.size() == sent.size();
            });
            long deadLettered = outcome.values().stream().filter(v -> !v.equals("ACCEPTED")).count();
            long accepted = outcome.size() - deadLettered;
            System.out.printf("lab.results: sent %d, dead-lettered %d, accepted %d, lost %d%n", sent.size(), deadLettered,
                    accepted, sent.size() - outcome.size());
            expected.forEach((kind, want) -> System.out.printf("  %-48s %s%n", kind, outcome.get(kind)));
            assertEquals(0, sent.size() - outcome.size(), "lost");
            assertEquals(expected, new LinkedHashMap<>(expectedOrder(expected, outcome)), "every kind, its outcome");

            // --- lots accounting ------------------------------------------------------------------------------------
            long bad = lotsExpected.values().stream().filter(v -> !v.equals("KEPT") && !v.equals("DELETED")).count();
            await().atMost(PROCESSING).until(() -> retrainer.runtime().ignored().total(Topics.LOTS.name()) == bad);
            assertTrue(lotStore().get(kept) != null, "the valid lot is kept");
            assertNull(lotStore().get(gone), "the tombstone deleted its lot");
            Map<String, Long> byReason = new HashMap<>();
            lotsExpected.values().stream().filter(v -> !v.equals("KEPT") && !v.equals("DELETED"))
                    .forEach(v -> byReason.merge(v, 1L, Long::sum));
            byReason.forEach((reason, n) -> assertEquals(n.longValue(),
                    retrainer.runtime().ignored().countOf(Topics.LOTS.name(), IgnoredReason.valueOf(reason)), reason));
            long lotsAccepted = lotsExpected.size() - bad;
            System.out.printf("lots: sent %d, ignored and counted %d, accepted %d, lost %d%n", lotsExpected.size(), bad,
                    lotsAccepted, lotsExpected.size() - bad - lotsAccepted);
            lotsExpected.forEach((kind, want) -> System.out.printf("  %-48s %s%n", kind, want));

            // --- the streams' error handlers are the retrainer's, not Kafka's fail-by-default ---
            assertEquals(io.reescreen.retrainer.streams.SkipFailedRecordHandler.class.getName(), retrainer.runtime()
                    .streamsConfig().get(org.apache.kafka.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG));
            assertEquals(io.reescreen.retrainer.streams.DropUnwritableRecordHandler.class.getName(), retrainer.runtime()
                    .streamsConfig().get(org.apache.kafka.streams.StreamsConfig.DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG));

            // --- the streams never stopped --------------------------------------------------------------------------
            assertEquals(KafkaStreams.State.RUNNING, retrainer.runtime().state());
            assertTrue(statesSeen.stream().noneMatch(s -> s == KafkaStreams.State.ERROR
                    || s == KafkaStreams.State.PENDING_ERROR || s == KafkaStreams.State.NOT_RUNNING), statesSeen.toString());
            assertNull(retrainer.runtime().streamsDead());
            assertEquals(0, retrainer.runtime().failures().threadsDied());
            assertEquals(0, retrainer.runtime().failures().productionErrorsDropped(), "nothing needed the last resort");
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    retrainer.uri().resolve("retrain")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(status.body().contains("\"streamsState\":\"RUNNING\""), status.body());
            assertTrue(status.body().contains("\"WRONG_TYPE\":1"), status.body());
        }
    }

    @Test
    @Order(2)
    void aLabResultFarOutsideTheServedPredictionIsHeldVisiblyUntilAPersonAcceptsIt() throws Exception {
        String lot = "HP-" + run;
        String far = "HFAR-" + run;
        Serializer<LotInfo> lotInfos = stack.serdes().valueSerde(LotInfo.class).serializer();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            send(producer, Topics.LOTS.name(), lot, lotInfos.serialize(Topics.LOTS.name(), LabFixtures.lot(lot, "YARD-H")));
            send(producer, Topics.LOT_COMPOSITIONS.name(), lot, stack.serdes().valueSerde(LotComposition.class)
                    .serializer().serialize(Topics.LOT_COMPOSITIONS.name(), LabFixtures.composition(lot, 5)));
            send(producer, Topics.REE_PREDICTIONS.name(), lot, stack.serdes().valueSerde(
                    io.reescreen.schemas.ReePrediction.class).serializer().serialize(Topics.REE_PREDICTIONS.name(),
                    LabFixtures.prediction(lot, 280, 250, 310)));
            await().atMost(PROCESSING).until(() -> lotStore().get(lot) != null);
            Thread.sleep(1000); // the prediction and composition are on other topics; give them a commit interval
            send(producer, Topics.LAB_RESULTS.name(), lot, stack.serdes().valueSerde(LabResult.class).serializer()
                    .serialize(Topics.LAB_RESULTS.name(), LabFixtures.labInPpmMolTimes(far, lot, 20).build()));
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest status = HttpRequest.newBuilder(retrainer.uri().resolve("retrain")).build();
        String listed = await().atMost(PROCESSING).until(() -> http.send(status, HttpResponse.BodyHandlers.ofString())
                .body(), body -> body.contains(far));
        assertTrue(listed.contains("OUTSIDE_SERVED_PREDICTION"), listed);
        System.out.println("GET /retrain while held: " + listed);
        Deserializer<TrainingExample> examples = stack.serdes().valueSerde(TrainingExample.class).deserializer();
        assertTrue(LatestRecords.read(stack.bootstrapServers(), Topics.LAB_RESULTS_HELD.name(), examples, far::equals)
                .containsKey(far), "on lab.results.held");
        assertTrue(exampleIds(examples).stream().noneMatch(far::equals), "not trained on while held");

        URI accept = retrainer.uri().resolve("retrain/held/" + far + "/accept");
        assertEquals(401, http.send(HttpRequest.newBuilder(accept).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(accept).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals(404, http.send(HttpRequest.newBuilder(retrainer.uri().resolve("retrain/held/nothing/accept"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        await().atMost(PROCESSING).until(() -> exampleIds(examples).contains(far));
        assertTrue(!http.send(status, HttpResponse.BodyHandlers.ofString()).body().contains(far), "no longer held");
        await().atMost(PROCESSING).until(() -> {
            Map<String, Boolean> stillHeld = new HashMap<>();
            LatestRecords.readRecords(stack.bootstrapServers(), Topics.LAB_RESULTS_HELD.name(), r -> {
                if (r.key() != null && far.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                    stillHeld.put(far, r.value() != null);
                }
            });
            return Boolean.FALSE.equals(stillHeld.get(far));
        }, x -> x);
    }

    @Test
    @Order(2)
    void aJoinedLabResultIsComparedWithTheServedPredictionOnceEvenWhenDeliveredTwice() throws Exception {
        String lot = "PF-" + run;
        String labId = "PFLAB-" + run;
        String site = "YARD-P" + run;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            send(producer, Topics.LOTS.name(), lot, stack.serdes().valueSerde(LotInfo.class).serializer()
                    .serialize(Topics.LOTS.name(), LabFixtures.lot(lot, site)));
            send(producer, Topics.LOT_COMPOSITIONS.name(), lot, stack.serdes().valueSerde(LotComposition.class)
                    .serializer().serialize(Topics.LOT_COMPOSITIONS.name(), LabFixtures.composition(lot, 5)));
            send(producer, Topics.REE_PREDICTIONS.name(), lot, stack.serdes().valueSerde(
                    io.reescreen.schemas.ReePrediction.class).serializer().serialize(Topics.REE_PREDICTIONS.name(),
                    LabFixtures.prediction(lot, 250, 240, 300)));
            await().atMost(PROCESSING).until(() -> lotStore().get(lot) != null);
            Thread.sleep(1000); // the prediction and composition are on other topics; give them a commit interval
            byte[] lab = stack.serdes().valueSerde(LabResult.class).serializer()
                    .serialize(Topics.LAB_RESULTS.name(), LabFixtures.labInPpmMol(labId, lot).build());
            send(producer, Topics.LAB_RESULTS.name(), lot, lab);
            send(producer, Topics.LAB_RESULTS.name(), lot, lab); // delivered again
        }
        Deserializer<TrainingExample> examples = stack.serdes().valueSerde(TrainingExample.class).deserializer();
        await().atMost(PROCESSING).until(() -> exampleIds(examples).stream().filter(labId::equals).count() == 2);
        Deserializer<ModelPerformance> values = stack.serdes().valueSerde(ModelPerformance.class).deserializer();
        List<ModelPerformance> compared = new ArrayList<>();
        LatestRecords.readRecords(stack.bootstrapServers(), Topics.MODEL_PERFORMANCE.name(), r -> {
            ModelPerformance c = values.deserialize(r.topic(), r.headers(), r.value());
            if (labId.equals(c.getLabResultId())) {
                compared.add(c);
            }
        });
        assertEquals(1, compared.size(), "one comparison per joined lab result: " + compared);
        assertEquals(site, compared.get(0).getSiteId());
        assertEquals(280, compared.get(0).getLabTotalReePpmMol(), 1e-9);
        assertEquals(250, compared.get(0).getPredictedTotalReePpmMol(), 1e-9);

        HttpRequest performance = HttpRequest.newBuilder(retrainer.uri().resolve("performance")).build();
        String body = await().atMost(PROCESSING).until(() -> HttpClient.newHttpClient().send(performance,
                HttpResponse.BodyHandlers.ofString()).body(), b -> b.contains(site));
        System.out.println("GET /performance: " + body);
        assertTrue(java.util.regex.Pattern.compile("\"site\":\"" + site + "\"[^}]*\"comparisons\":1,[^}]*"
                + "\"coverage90Pct\":100.0").matcher(body).find(), "the site's row: 1 comparison, inside: " + body);
    }

    private List<String> exampleIds(Deserializer<TrainingExample> examples) {
        List<String> ids = new ArrayList<>();
        LatestRecords.readRecords(stack.bootstrapServers(), Topics.TRAINING_EXAMPLES.name(), r ->
                ids.add(examples.deserialize(r.topic(), r.headers(), r.value()).getLabResultId()));
        return ids;
    }

    @Test
    @Order(3)
    void aStreamThreadThatDiesIsNoticedCountedAndFailsLiveness() throws Exception {
        String app = "dying-" + run;
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(org.apache.kafka.streams.StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, dir.resolve("dying").toString());
        props.put(org.apache.kafka.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                io.reescreen.retrainer.streams.SkipFailedRecordHandler.class.getName());
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        String poison = "POISON-" + run;
        builder.stream(Topics.LOTS.name(), org.apache.kafka.streams.kstream.Consumed.with(
                org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.ByteArray()))
                .foreach((k, v) -> {
                    if (poison.equals(k)) {
                        throw new AssertionError("an Error, which no exception handler takes"); // kills the thread
                    }
                });
        io.reescreen.retrainer.streams.StreamFailures failures = io.reescreen.retrainer.streams.StreamFailures.of(app);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            io.reescreen.streams.StreamsWatch watch = io.reescreen.streams.StreamsWatch.attach(streams, "dying", null,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), failures);
            streams.start();
            await().atMost(PROCESSING).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            assertTrue(watch.stoppedForGood().isEmpty());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                send(producer, Topics.LOTS.name(), poison, new byte[] {1});
            }
            await().atMost(PROCESSING).until(() -> streams.state() == KafkaStreams.State.ERROR);
            String dead = watch.stoppedForGood().orElse(null);
            assertTrue(dead != null && dead.contains("thread died"), dead);
            assertEquals(1, failures.threadsDied());
            assertEquals(1, failures.errorStates());
            io.micronaut.management.health.indicator.HealthResult liveness =
                    io.reescreen.retrainer.http.RetrainerLiveness.judge(dead, streams.state(), failures);
            assertEquals(io.micronaut.health.HealthStatus.DOWN, liveness.getStatus());
        }
        // and the retrainer itself is alive: its liveness answers 200
        HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                retrainer.uri().resolve("health/liveness")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode(), live.body());
    }

    @Test
    @Order(4)
    void healthAnswersWithinASecondWhileTheBrokerIsDownAndSaysWhy() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(retrainer.uri().resolve("health")).timeout(Duration.ofSeconds(5)).build();
        assertEquals(200, http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode(), "up before");
        stack.broker().close();
        long slowestMs = 0;
        HttpResponse<String> last = null;
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < until) {
            long t0 = System.nanoTime();
            last = http.send(health, HttpResponse.BodyHandlers.ofString());
            slowestMs = Math.max(slowestMs, (System.nanoTime() - t0) / 1_000_000);
            if (last.statusCode() == 503) {
                break;
            }
            Thread.sleep(250);
        }
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            last = http.send(health, HttpResponse.BodyHandlers.ofString());
            slowestMs = Math.max(slowestMs, (System.nanoTime() - t0) / 1_000_000);
        }
        System.out.printf("GET /health with the broker down: %d, slowest answer %d ms%n", last.statusCode(), slowestMs);
        assertEquals(503, last.statusCode(), last.body());
        assertTrue(last.body().contains("broker has not answered"), last.body());
        assertTrue(slowestMs < 1000, "slowest /health answer " + slowestMs + " ms");
        HttpResponse<String> liveness = http.send(HttpRequest.newBuilder(retrainer.uri().resolve("health/liveness"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, liveness.statusCode(), "a broker outage is not a reason to restart the retrainer: "
                + liveness.body());
    }

    private static Map<String, String> expectedOrder(Map<String, String> expected, Map<String, String> outcome) {
        Map<String, String> ordered = new LinkedHashMap<>();
        expected.keySet().forEach(k -> ordered.put(k, outcome.get(k)));
        return ordered;
    }

    private static LabResult withValue(String id, String lot, double la) {
        List<LabReeValue> values = new ArrayList<>(LabFixtures.labInElementPpm("x", lot).getValues());
        values.set(0, LabReeValue.newBuilder(values.get(0)).setValueInUnit(la).setSigma1InUnit(null).build());
        return LabFixtures.labInElementPpm(id, lot).setValues(values).build();
    }

    private static void lab(KafkaProducer<byte[], byte[]> producer, Map<String, RecordMetadata> sent,
                            Map<String, String> expected, String kind, String key, byte[] value, String outcome)
            throws Exception {
        sent.put(kind, producer.send(new ProducerRecord<>(Topics.LAB_RESULTS.name(),
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)).get());
        expected.put(kind, outcome);
    }

    private static void lots(KafkaProducer<byte[], byte[]> producer, Map<String, String> expected, String kind,
                             String key, byte[] value, String outcome) throws Exception {
        producer.send(new ProducerRecord<>(Topics.LOTS.name(), key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value)).get();
        expected.put(kind, outcome);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private ReadOnlyKeyValueStore<String, LotInfo> lotStore() {
        return retrainer.runtime().streams().store(StoreQueryParameters.fromNameAndType(ExampleStores.LOT_INFO,
                QueryableStoreTypes.keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, Object> waitingStore() {
        return retrainer.runtime().streams().store(StoreQueryParameters.fromNameAndType(ExampleStores.WAITING,
                QueryableStoreTypes.keyValueStore()));
    }
}
