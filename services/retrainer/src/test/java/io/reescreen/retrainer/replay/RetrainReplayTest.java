package io.reescreen.retrainer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.TimedMockConsumer;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.retrainer.testing.SmallChampion;
import io.reescreen.retrainer.training.RetrainingSettings;
import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One replayed retraining attempt on a mock training.examples: what it reads, skips, judges and publishes. */
class RetrainReplayTest {

    private static final RetrainingSettings FAST = SmallChampion.FAST_RETRAINING;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final AvroBinarySerde<TrainingExample> SERDE = new AvroBinarySerde<>(TrainingExample.class);

    private static ModelArtifact bootstrap;

    @BeforeAll
    static void trainTheBootstrapChampion() {
        bootstrap = SmallChampion.train();
    }

    /**
     * Before the window: 6 examples of an ordinary site (day 0). In the window (day 1): 20 examples of a site whose
     * REE run 1.8 times what the champion expects, one undecodable record, one tombstone, one example without its
     * composition.
     */
    private static TimedMockConsumer trainingExamples() {
        String topic = Topics.TRAINING_EXAMPLES.name();
        TimedMockConsumer c = new TimedMockConsumer().topic(topic, 3);
        List<TrainingExample> ordinary = LabFixtures.examples("OLD",
                new SyntheticAshGenerator(SyntheticSpec.withSeed(4)).generate(6), 1.0, CLOCK.instant());
        for (int i = 0; i < ordinary.size(); i++) {
            c.append(topic, i % 3, T0.plusSeconds(60L * i).toEpochMilli(), null, SERDE.toBytes(ordinary.get(i)));
        }
        Instant day1 = T0.plus(Duration.ofDays(1));
        List<TrainingExample> offset = LabFixtures.examples("NEW",
                new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(20), 1.8, CLOCK.instant());
        for (int i = 0; i < offset.size(); i++) {
            c.append(topic, i % 3, day1.plusSeconds(60L * i).toEpochMilli(), null, SERDE.toBytes(offset.get(i)));
        }
        c.append(topic, 0, day1.plusSeconds(3000).toEpochMilli(), null, "not avro".getBytes(StandardCharsets.UTF_8));
        c.append(topic, 1, day1.plusSeconds(3000).toEpochMilli(), null, null);
        TrainingExample broken = TrainingExample.newBuilder(offset.get(0)).setExampleId("BROKEN").setComposition(List.of())
                .build();
        c.append(topic, 2, day1.plusSeconds(3000).toEpochMilli(), null, SERDE.toBytes(broken));
        return c;
    }

    private static RetrainReport replay(boolean publish, List<ModelRelease> published) {
        ReplayChampion champion = new ReplayChampion("bootstrap-file-0123456789ab", bootstrap, "test bootstrap");
        RetrainReplay.Request request = new RetrainReplay.Request("ree-mtnn", ReplayWindow.parse("2026-11-21", null),
                publish, Optional.empty(), FAST);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        RetrainReport report = RetrainReplay.replay(request, champion,
                new TopicWindowReader(trainingExamples(), Duration.ofSeconds(5)), SERDE.deserializer(), published::add,
                CLOCK, new PrintStream(progress, true, StandardCharsets.UTF_8));
        String shown = progress.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("training.examples: 23 records, 100 %, done"), shown);
        return report;
    }

    @Test
    void withoutPublishTheAcceptedChallengerIsOnlyDescribed() {
        List<ModelRelease> published = new ArrayList<>();
        RetrainReport report = replay(false, published);

        assertEquals(23, report.records(), "the window holds day 1 only");
        assertEquals(20, report.examples());
        assertEquals(20, report.distinctExamples());
        assertEquals(Map.of("undecodable", 1L, "tombstone", 1L, "invalid example", 1L), report.skipped().counts());
        assertEquals(Optional.of(T0.plus(Duration.ofDays(1))), report.firstTimestamp());
        assertTrue(report.decision().accepted(), report.decision().reason());
        assertTrue(report.decision().challengerMaeOverMeanPct() < report.decision().championMaeOverMeanPct());
        assertFalse(report.published());
        assertTrue(published.isEmpty(), "nothing may reach models.releases without --publish");
        ModelRelease candidate = report.candidate().orElseThrow();
        assertEquals("bootstrap-file-0123456789ab", candidate.getParentVersion());
        assertTrue(report.candidateArtifact().isPresent());

        String summary = report.format();
        for (String expected : List.of("23 records read, 20 examples (20 distinct lab results), 3 skipped",
                "first undecodable: p0@", "champion      bootstrap-file-0123456789ab (test bootstrap)",
                "transfer challenger, 2 repetitions", "decision      accepted: ",
                "not published (use --publish); the release would be " + candidate.getVersion())) {
            assertTrue(summary.contains(expected), "summary lacks '" + expected + "':\n" + summary);
        }
    }

    @Test
    void withPublishTheReleaseGoesOutWithTheChampionAsParent() {
        List<ModelRelease> published = new ArrayList<>();
        RetrainReport report = replay(true, published);
        assertTrue(report.published(), report.decision().reason());
        assertEquals(1, published.size());
        ModelRelease release = published.get(0);
        assertEquals(report.candidate().orElseThrow(), release);
        assertEquals("ree-mtnn", release.getModelName());
        assertTrue(release.getLineage().stream().anyMatch(r -> r.getTopic().equals(Topics.TRAINING_EXAMPLES.name())),
                release.getLineage().toString());
        assertTrue(report.format().contains("result        published " + release.getVersion()
                + " to models.releases (parent bootstrap-file-0123456789ab)"), report.format());
    }

    @Test
    void theChampionIsTheCurrentReleaseElseTheBaseModelFileElseAClearError(@TempDir Path dir) throws Exception {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ReplayChampion.resolve("m", List.of(), Optional.empty()));
        assertTrue(none.getMessage().contains("--base-model FILE") && none.getMessage().contains("none was ever published"),
                none.getMessage());
        ModelRelease release = release("m", "v7", bootstrap);
        IllegalArgumentException tombstoned = assertThrows(IllegalArgumentException.class,
                () -> ReplayChampion.resolve("m", List.of(Optional.of(release), Optional.empty()), Optional.empty()));
        assertTrue(tombstoned.getMessage().contains("tombstone"), tombstoned.getMessage());

        Path file = dir.resolve("base.model");
        Files.write(file, ModelArtifactCodec.encode(bootstrap));
        Optional<java.util.function.Supplier<io.reescreen.model.training.BootstrapModel>> base =
                ReplayChampion.bootstrapFile(Optional.of(file));
        ReplayChampion fromFile = ReplayChampion.resolve("m", List.of(), base);
        assertTrue(fromFile.version().startsWith("bootstrap-file-"), fromFile.version());
        ReplayChampion afterTombstone = ReplayChampion.resolve("m", List.of(Optional.of(release), Optional.empty()), base);
        assertEquals(fromFile.version(), afterTombstone.version());
        ReplayChampion current = ReplayChampion.resolve("m", List.of(Optional.of(release)), base);
        assertEquals("v7", current.version(), "a release in force wins over the file");

        // A release the screeners refuse is passed over, as the retrainer's champion tracking does.
        ModelRelease corrupt = ModelRelease.newBuilder(release).setVersion("v8").setArtifactSha256("00").build();
        ReplayChampion despiteCorrupt = ReplayChampion.resolve("m", List.of(Optional.of(release), Optional.of(corrupt)),
                Optional.empty());
        assertEquals("v7", despiteCorrupt.version());
        assertTrue(despiteCorrupt.source().contains("passed over") && despiteCorrupt.source().contains("v8"),
                despiteCorrupt.source());
        assertThrows(IllegalArgumentException.class, () -> ReplayChampion.resolve("m", List.of(Optional.of(corrupt)),
                Optional.empty()));
    }

    @Test
    void aReleaseEveryScreenerRefusesIsNeverTheReplaysParentThoughItsChecksumAndBytesAreGood() {
        ModelRelease v7 = release("m", "v7", bootstrap);
        ModelRelease newerFormat = ModelRelease.newBuilder(release("m", "v8", bootstrap)).setArtifactFormatVersion(99)
                .build();
        double[] mean = bootstrap.targetScaler().mean();
        mean[0] = Double.NaN;
        ModelRelease failsSmokeTest = release("m", "v9", new ModelArtifact(bootstrap.features(),
                bootstrap.inputScaler(), new StandardScaler(mean, bootstrap.targetScaler().std()), bootstrap.domain(),
                bootstrap.weights(), Map.of(), Map.of()));

        ReplayChampion champion = ReplayChampion.resolve("m", List.of(Optional.of(v7), Optional.of(newerFormat),
                Optional.of(failsSmokeTest)), Optional.empty());
        assertEquals("v7", champion.version());
        assertTrue(champion.source().contains("v8 (UNSUPPORTED_FORMAT") && champion.source().contains("v9 (INCOMPATIBLE_MODEL"),
                champion.source());
    }

    private static ModelRelease release(String name, String version, ModelArtifact artifact) {
        byte[] bytes = ModelArtifactCodec.encode(artifact);
        return ModelRelease.newBuilder().setModelName(name).setVersion(version).setAction(ReleaseAction.PUBLISH)
                .setCreatedAt(T0).setFeatures(artifact.features().oxides().stream()
                        .map(o -> io.reescreen.schemas.MajorOxide.valueOf(o.formula())).toList()).setArtifactFormatVersion(ModelArtifactCodec.FORMAT_VERSION)
                .setArtifact(ByteBuffer.wrap(bytes)).setArtifactSha256(ModelArtifactCodec.sha256Hex(bytes)).build();
    }
}
