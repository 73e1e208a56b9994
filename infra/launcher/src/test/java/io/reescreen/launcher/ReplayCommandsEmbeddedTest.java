package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.replay.ReleaseHistory;
import io.reescreen.schemas.HeaderText;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.OxideMolPct;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ReeTargetValue;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.predict.LotScorer;
import io.reescreen.screener.rescore.CompositionLots;
import io.reescreen.screener.rescore.RescoredSink;
import io.reescreen.screener.serving.ModelInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retrain} and {@code rescore} end to end on the embedded broker and registry: history with records before,
 * inside and after the window; a dry run publishes nothing, {@code --publish} publishes; the published release then
 * re-scores the window's compositions, one prediction per record, and the base model re-scores them exactly as the
 * original predictions were made.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayCommandsEmbeddedTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String MODEL = "replay-" + RUN;
    private static final Pattern PUBLISHED = Pattern.compile("published (\\S+) to models.releases");
    /**
     * Later than anything already on the topics, so that offsetsForTimes finds this test's records: taken when the
     * history is written, not when the class is loaded, which in the module's shared JVM may come minutes before,
     * while other classes write to the same topics.
     */
    private static Instant BASE;
    private static Instant FROM;
    private static Instant TO;

    @TempDir
    static Path dir;
    private static Path baseModelFile;
    private static String baseVersion;
    private static String publishedVersion;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /**
     * The base model (3 members, 40 epochs on synthetic data) as an artifact file; training.examples with 4 examples
     * before the window, 20 from a site whose REE run 1.8 times higher and one undecodable record inside it, 3 after;
     * lot.compositions of 3 lots, 3 records each inside the window (and a tombstone), one per lot before, one after;
     * ree.predictions: the base model's prediction for every composition inside the window, as the screener made them.
     */
    @BeforeAll
    static void writeHistory(EmbeddedStack stack) throws Exception {
        BASE = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        FROM = BASE.plusSeconds(30);
        TO = BASE.plusSeconds(300);
        Dataset reference = new SyntheticAshGenerator(SyntheticSpec.withSeed(1)).generate(120);
        ModelArtifact base;
        try (ScreeningModel model = EnsembleFitting.fit(reference, TrainingRecipe.paper().withMembers(3)
                .withSettings(TrainingSettings.paper().withEpochs(40)), EnsembleTrainer.Progress.NONE)) {
            base = ModelArtifact.of(model, Map.of("data", "synthetic seed 1, 120 rows"), Map.of());
        }
        baseModelFile = dir.resolve("base.model");
        Files.write(baseModelFile, ModelArtifactCodec.encode(base));
        baseVersion = BootstrapModel.fromFile(baseModelFile).version();

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            String examples = Topics.TRAINING_EXAMPLES.name();
            var exampleValues = stack.serdes().valueSerde(TrainingExample.class).serializer();
            List<TrainingExample> before = examples("B", new SyntheticAshGenerator(SyntheticSpec.withSeed(4)).generate(4), 1.0, BASE);
            List<TrainingExample> inside = examples("I", new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(20), 1.8, BASE);
            List<TrainingExample> after = examples("A", new SyntheticAshGenerator(SyntheticSpec.withSeed(5)).generate(3), 0.5, BASE);
            for (int i = 0; i < before.size(); i++) {
                send(producer, examples, BASE.plusSeconds(i), before.get(i).getLotId(), exampleValues.serialize(examples, before.get(i)));
            }
            for (int i = 0; i < inside.size(); i++) {
                send(producer, examples, FROM.plusSeconds(10 + i), inside.get(i).getLotId(),
                        exampleValues.serialize(examples, inside.get(i)));
            }
            send(producer, examples, FROM.plusSeconds(40), "L-bad", "not a registry record".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < after.size(); i++) {
                send(producer, examples, TO.plusSeconds(10 + i), after.get(i).getLotId(), exampleValues.serialize(examples, after.get(i)));
            }

            String compositions = Topics.LOT_COMPOSITIONS.name();
            String predictions = Topics.REE_PREDICTIONS.name();
            var compositionValues = stack.serdes().valueSerde(LotComposition.class).serializer();
            var predictionValues = stack.serdes().valueSerde(ReePrediction.class).serializer();
            LotScorer scorer = new LotScorer(ScreenerSettings.defaults().scoringSettings());
            ModelInfo baseInfo = new ModelInfo(MODEL, baseVersion, null, null, "sha", base.features(), 3, 0);
            // In time order on every partition, as a live topic is: offsetsForTimes relies on it.
            for (int l = 0; l < 3; l++) {
                send(producer, compositions, BASE.plusSeconds(l), lot(l),
                        compositionValues.serialize(compositions, composition(lot(l), 1, l, BASE)));
            }
            try (ScreeningModel baseModel = base.load()) {
                for (int shots = 2; shots <= 4; shots++) {
                    for (int l = 0; l < 3; l++) {
                        Instant t = FROM.plusSeconds(20L * shots + l);
                        LotComposition c = composition(lot(l), shots, l, BASE);
                        send(producer, compositions, t, lot(l), compositionValues.serialize(compositions, c));
                        ReePrediction original = scorer.score(CompositionLots.toScore(c), baseInfo,
                                baseModel, t.toEpochMilli());
                        send(producer, predictions, t, lot(l), predictionValues.serialize(predictions, original));
                    }
                }
            }
            send(producer, compositions, FROM.plusSeconds(100), lot(0), null);
            for (int l = 0; l < 3; l++) {
                send(producer, compositions, TO.plusSeconds(5 + l), lot(l),
                        compositionValues.serialize(compositions, composition(lot(l), 9, l, BASE)));
            }
            producer.flush();
        }
    }

    @Test
    @Order(1)
    void retrainWithoutPublishJudgesTheWindowsExamplesAndPublishesNothing(EmbeddedStack stack) {
        assertEquals(0, run(retrain(stack)), err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        for (String expected : List.of("21 records read, 20 examples (20 distinct lab results), 1 skipped: undecodable 1",
                "champion      " + baseVersion + " (bootstrap model (no release in force: none was ever published)",
                "transfer challenger, 1 repetitions", "decision      accepted: ",
                "result        not published (use --publish); the release would be transfer-", "wrote ")) {
            assertTrue(summary.contains(expected), "summary lacks '" + expected + "':\n" + summary);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("training.examples: 21 records, 100 %, done"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), history(stack), "nothing on models.releases without --publish");
        assertTrue(Files.isRegularFile(dir.resolve("challenger.model")), "--out wrote the challenger");
    }

    @Test
    @Order(2)
    void retrainWithPublishReleasesTheChallengerWithTheBaseModelAsParent(EmbeddedStack stack) {
        List<String> args = new ArrayList<>(List.of(retrain(stack)));
        args.add(1, "--publish"); // a flag: takes no value, the next option still parses
        assertEquals(0, run(args.toArray(String[]::new)), err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        Matcher m = PUBLISHED.matcher(summary);
        assertTrue(m.find(), summary);
        publishedVersion = m.group(1);
        List<Optional<ModelRelease>> history = history(stack);
        assertEquals(1, history.size(), history.toString());
        ModelRelease release = history.get(0).orElseThrow();
        assertEquals(publishedVersion, release.getVersion());
        assertEquals(baseVersion, release.getParentVersion());
        assertTrue(summary.contains("(parent " + baseVersion + ")"), summary);
    }

    @Test
    @Order(3)
    void rescoreWithThePublishedReleaseWritesOnePredictionPerCompositionInTheWindow(EmbeddedStack stack) {
        assertTrue(publishedVersion != null, "needs the release published by the test before");
        assertEquals(0, run(rescore(stack, "--model", publishedVersion)), err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        for (String expected : List.of("compositions  10 read, 9 scored, 1 skipped: tombstone 1", "lots          3",
                "model version " + publishedVersion, "originals     9 records of ree.predictions in the window",
                "comparison    3 lots (latest original vs latest rescored prediction), 3 of them on the same reading count",
                "original models: " + baseVersion + " (3 lots)", "mean |relative change|", "likely high")) {
            assertTrue(summary.contains(expected), "summary lacks '" + expected + "':\n" + summary);
        }
        List<ConsumerRecord<byte[], ReePrediction>> rescored = rescored(stack, publishedVersion);
        assertEquals(9, rescored.size(), "one per composition record in the window");
        Set<String> sources = new HashSet<>();
        for (ConsumerRecord<byte[], ReePrediction> r : rescored) {
            assertEquals(MODEL, r.value().getModelName());
            assertEquals(r.value().getLotId(), new String(r.key(), StandardCharsets.UTF_8));
            Instant source = Instant.parse(HeaderText.of(r.headers(), RescoredSink.SOURCE_TIME).orElseThrow());
            assertTrue(!source.isBefore(FROM) && source.isBefore(TO), "from the window only: " + source);
            sources.add(HeaderText.of(r.headers(), RescoredSink.SOURCE_PARTITION).orElseThrow() + "@"
                    + HeaderText.of(r.headers(), RescoredSink.SOURCE_OFFSET).orElseThrow());
        }
        assertEquals(9, sources.size(), "each composition record once");
        for (int l = 0; l < 3; l++) {
            String lot = lot(l);
            assertEquals(List.of(2, 3, 4), rescored.stream().filter(r -> r.value().getLotId().equals(lot))
                    .map(r -> r.value().getReadingCount()).toList(), "the window's records of " + lot + ", in order");
        }
    }

    @Test
    @Order(4)
    void rescoreWithTheBaseModelFileReproducesTheOriginalPredictions(EmbeddedStack stack) {
        assertEquals(0, run(rescore(stack, "--model-file", baseModelFile.toString())), err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        for (String expected : List.of("with " + MODEL + " " + baseVersion, "mean |change| 0.0 ppm mol",
                "0 became likely high, 0 no longer")) {
            assertTrue(summary.contains(expected), "summary lacks '" + expected + "':\n" + summary);
        }
        assertEquals(9, rescored(stack, baseVersion).size());
    }

    @Test
    @Order(5)
    void whatCannotRunSaysWhy(EmbeddedStack stack) {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("retrain") && out.toString(StandardCharsets.UTF_8)
                .contains("rescore"), out.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("retrain", "--from", "beginning", "--publish=maybe", "--bootstrap-servers", "x",
                "--registry-url", "y"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--publish takes no value"),
                err.toString(StandardCharsets.UTF_8));
        String[] cluster = {"--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()};
        assertEquals(1, run(concat(new String[] {"retrain", "--from", "beginning", "--model-name", "nothing-" + RUN},
                cluster)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--base-model FILE"), err.toString(StandardCharsets.UTF_8));
        assertEquals(1, run(concat(new String[] {"rescore", "--model", "v-none", "--from", "beginning", "--model-name",
                MODEL}, cluster)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no release v-none of " + MODEL),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run(concat(new String[] {"rescore", "--from", "2026-11-20T08:00"}, cluster)));
        assertEquals(2, run(concat(new String[] {"retrain", "--from", "2026-11-20T08:00"}, cluster)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("add a zone"), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] retrain(EmbeddedStack stack) {
        return new String[] {"retrain", "--from", FROM.toString(), "--to", TO.toString(), "--model-name", MODEL,
                "--base-model", baseModelFile.toString(), "--gate-repetitions", "1", "--residual-folds", "0",
                "--out", dir.resolve("challenger.model").toString(),
                "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()};
    }

    private static String[] rescore(EmbeddedStack stack, String modelOption, String model) {
        return new String[] {"rescore", modelOption, model, "--from", FROM.toString(), "--to", TO.toString(),
                "--model-name", MODEL, "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()};
    }

    private int run(String... args) {
        return Reescreen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<Optional<ModelRelease>> history(EmbeddedStack stack) {
        return ReleaseHistory.read(stack.bootstrapServers(), stack.serdes().valueSerde(ModelRelease.class).deserializer(),
                MODEL, Duration.ofSeconds(30));
    }

    /** This test's records on ree.predictions.rescored that name {@code version}, in partition order. */
    private static List<ConsumerRecord<byte[], ReePrediction>> rescored(EmbeddedStack stack, String version) {
        var values = stack.serdes().valueSerde(ReePrediction.class).deserializer();
        List<ConsumerRecord<byte[], ReePrediction>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = Topics.REE_PREDICTIONS_RESCORED.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ReePrediction p = values.deserialize(r.topic(), r.headers(), r.value());
                    if (p.getLotId().startsWith(RUN) && p.getModelVersion().equals(version)) {
                        out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                                r.serializedKeySize(), r.serializedValueSize(), r.key(), p, r.headers(), r.leaderEpoch()));
                    }
                }
            }
        }
        return out;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, Instant time, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key, value)).get();
    }

    private static String lot(int l) {
        return RUN + "-L" + l;
    }

    /** A fly ash (LabFixtures' composition) with Al2O3 and CaO moved per lot and per reading count. */
    static LotComposition composition(String lotId, int shots, int lot, Instant at) {
        Map<MajorOxide, Double> molPct = new EnumMap<>(Map.of(
                MajorOxide.SIO2, 58.0, MajorOxide.AL2O3, 16.0 + 2 * lot + 0.1 * shots, MajorOxide.CAO, 9.0 - lot,
                MajorOxide.FE2O3, 5.0, MajorOxide.MGO, 4.0, MajorOxide.NA2O, 2.0, MajorOxide.K2O, 2.5,
                MajorOxide.TIO2, 1.5, MajorOxide.P2O5, 1.2, MajorOxide.MNO, 0.8));
        double total = molPct.values().stream().mapToDouble(Double::doubleValue).sum();
        List<OxideMolPct> oxides = new ArrayList<>();
        molPct.forEach((o, v) -> oxides.add(OxideMolPct.newBuilder()
                .setOxide(io.reescreen.schemas.MajorOxide.valueOf(o.formula())).setMeanMolPct(100 * v / total)
                .setSpreadMolPct(0.02 * v).setStandardErrorMolPct(0.01 * v).setByDifference(o == MajorOxide.SIO2).build()));
        return LotComposition.newBuilder().setLotId(lotId).setSiteId("SITE-" + RUN).setShotCount(shots)
                .setAnalyzerIds(List.of("XRF-1")).setOxides(oxides).setFirstSampledAt(at).setLastSampledAt(at)
                .setLastReadingId(lotId + "-R" + shots).setUpdatedAt(at).build();
    }

    /** Examples as the join writes them, every REE value scaled by {@code factor} (a site offset). */
    static List<TrainingExample> examples(String prefix, Dataset data, double factor, Instant at) {
        List<TrainingExample> out = new ArrayList<>();
        int i = 0;
        for (LabelledSample s : data.samples()) {
            List<OxideMolPct> composition = new ArrayList<>();
            for (MajorOxide o : MajorOxide.values()) {
                composition.add(OxideMolPct.newBuilder().setOxide(io.reescreen.schemas.MajorOxide.valueOf(o.formula()))
                        .setMeanMolPct(s.oxides().molPct(o)).setSpreadMolPct(0).setStandardErrorMolPct(0)
                        .setByDifference(false).build());
            }
            List<ReeTargetValue> targets = new ArrayList<>();
            targets.add(new ReeTargetValue(ReeTarget.TOTAL_REE, factor * s.totalReePpmMol()));
            for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
                targets.add(new ReeTargetValue(ReeTarget.valueOf(oxide.element().symbol()),
                        factor * s.targets().oxides().ppmMol(oxide)));
            }
            String id = RUN + "-" + prefix + "-" + s.sampleId();
            out.add(TrainingExample.newBuilder().setExampleId("LAB-" + id).setLotId("L-" + id).setLabResultId("LAB-" + id)
                    .setComposition(composition).setShotCount(10).setTargets(targets).setLabResultPartition(i % 3)
                    .setLabResultOffset(i++).setCompositionUpdatedAt(at).setCreatedAt(at).build());
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
