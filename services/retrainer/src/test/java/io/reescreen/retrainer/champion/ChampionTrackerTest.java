package io.reescreen.retrainer.champion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.release.ReleaseKey;
import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which model the retrainer transfers from: the latest release of its name on models.served, the bootstrap before any
 * and after a tombstone; a release the screener would refuse, or another model's, changes nothing.
 */
class ChampionTrackerTest {

    private static final AvroBinarySerde<ModelRelease> SERDE = new AvroBinarySerde<>(ModelRelease.class);
    private static BootstrapModel bootstrap;
    private static byte[] otherArtifact;

    @BeforeAll
    static void models() {
        bootstrap = new BootstrapModel(train(1), "file", "test");
        otherArtifact = ModelArtifactCodec.encode(train(2));
    }

    private static ModelArtifact train(long seed) {
        Dataset data = new SyntheticAshGenerator(SyntheticSpec.withSeed(seed)).generate(40);
        try (ScreeningModel model = EnsembleFitting.fit(data, TrainingRecipe.paper().withMembers(1)
                .withSettings(TrainingSettings.paper().withEpochs(2).withSeed(seed)), EnsembleTrainer.Progress.NONE)) {
            return ModelArtifact.of(model, Map.of(), Map.of());
        }
    }

    @Test
    void theLatestGoodReleaseOfItsNameIsTheChampion() {
        ChampionTracker tracker = new ChampionTracker("ree-mtnn", bootstrap, SERDE.deserializer());
        assertEquals(bootstrap.version(), tracker.version());
        assertSame(bootstrap.artifact(), tracker.artifact());

        tracker.onRecord(record("ree-mtnn", 0, release("v1", otherArtifact, null)), true);
        assertEquals("v1", tracker.version());
        assertEquals(ModelArtifactCodec.sha256Hex(otherArtifact),
                ModelArtifactCodec.sha256Hex(ModelArtifactCodec.encode(tracker.artifact())));

        tracker.onRecord(record("another-model", 1, release("x1", otherArtifact, null)), true);
        assertEquals("v1", tracker.version(), "another model name is none of its business");

        tracker.onRecord(record("ree-mtnn", 2, null), false);
        assertEquals(bootstrap.version(), tracker.version(), "a tombstone sends every screener back to its bootstrap");
    }

    @Test
    void aReleaseTheScreenerWouldRefuseLeavesTheChampionAsItWas() {
        ChampionTracker tracker = new ChampionTracker("ree-mtnn", bootstrap, SERDE.deserializer());
        tracker.onRecord(record("ree-mtnn", 0, release("v1", otherArtifact, null)), true);

        ModelRelease badSha = release("v2", otherArtifact, "0".repeat(64));
        tracker.onRecord(record("ree-mtnn", 1, badSha), false);
        assertEquals("v1", tracker.version(), "checksum mismatch");

        byte[] truncated = java.util.Arrays.copyOf(otherArtifact, otherArtifact.length - 7);
        tracker.onRecord(record("ree-mtnn", 2, release("v3", truncated, null)), false);
        assertEquals("v1", tracker.version(), "undecodable artifact");

        tracker.onRecord(record("ree-mtnn", 3, release("bootstrap-file-123", otherArtifact, null)), false);
        assertEquals("v1", tracker.version(), "a bootstrap's version");

        tracker.onRecord(new ConsumerRecord<>(Topics.MODEL_SERVED.name(), 0, 4,
                "ree-mtnn".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}), false);
        assertEquals("v1", tracker.version(), "not a release at all");
    }

    @Test
    void aReleaseThatPassesTheOldChecksButEveryScreenerRefusesIsNeverTheChampion() {
        ChampionTracker tracker = new ChampionTracker("ree-mtnn", bootstrap, SERDE.deserializer());
        tracker.onRecord(record("ree-mtnn", 0, release("v1", otherArtifact, null)), true);

        // Right checksum, bytes the codec reads: what the retrainer used to accept.
        tracker.onRecord(record("ree-mtnn", 1, ModelRelease.newBuilder(release("v2", otherArtifact, null))
                .setArtifactFormatVersion(99).build()), false);
        assertEquals("v1", tracker.version(), "a format newer than this build reads");
        tracker.onRecord(record("ree-mtnn", 2, ModelRelease.newBuilder(release("v3", otherArtifact, null))
                .setFeatures(List.of(io.reescreen.schemas.MajorOxide.CaO)).build()), false);
        assertEquals("v1", tracker.version(), "features the artifact does not have");

        // Decodes and loads, but predicts NaN at the training median: the smoke test refuses it, even published here.
        ModelArtifact a = bootstrap.artifact();
        double[] mean = a.targetScaler().mean();
        mean[0] = Double.NaN;
        byte[] nan = ModelArtifactCodec.encode(new ModelArtifact(a.features(), a.inputScaler(),
                new StandardScaler(mean, a.targetScaler().std()), a.domain(), a.weights(), Map.of(), Map.of()));
        tracker.published(release("v4", nan, null), 3);
        assertEquals("v1", tracker.version(), "a model that fails the smoke test");
        tracker.onRecord(record("ree-mtnn", 4, release("v5", otherArtifact, null)), false);
        assertEquals("v5", tracker.version(), "a refused publication does not hold back what models.served says next");
    }

    @Test
    void whatThisRetrainerPublishedCountsAtOnceAndIsNotUndoneByOlderRecords() {
        ChampionTracker tracker = new ChampionTracker("ree-mtnn", bootstrap, SERDE.deserializer());
        tracker.published(release("mine", otherArtifact, null), 5);
        assertEquals("mine", tracker.version());
        tracker.onRecord(record("ree-mtnn", 3, release("older", otherArtifact, null)), false);
        assertEquals("mine", tracker.version(), "the follower was behind; offset 3 came before");
        tracker.onRecord(record("ree-mtnn", 5, release("mine", otherArtifact, null)), false);
        tracker.onRecord(record("ree-mtnn", 6, release("promoted-by-hand", otherArtifact, null)), false);
        assertEquals("promoted-by-hand", tracker.version());
    }

    @Test
    void aRestartRestoresEverySitesChampionFromModelsServedAndASiteWithoutOneIsServedByTheBase() {
        ChampionTracker tracker = new ChampionTracker("ree-mtnn", bootstrap, SERDE.deserializer());
        String yardA = ReleaseKey.site("ree-mtnn", "YARD-A").toString();
        String yardB = ReleaseKey.site("ree-mtnn", "YARD-B").toString();
        tracker.onRecord(record(yardA, 0, siteRelease("a1", "YARD-A")), true);
        tracker.onRecord(record("ree-mtnn", 1, release("base1", otherArtifact, null)), true);
        tracker.onRecord(record(yardB, 2, siteRelease("b1", "YARD-B")), true);
        tracker.onRecord(record(yardA, 3, siteRelease("a2", "YARD-A")), true);

        assertEquals("base1", tracker.version(), "the base model's champion");
        assertEquals("a2", tracker.ofSite("YARD-A").version(), "the latest of YARD-A's key");
        assertEquals("b1", tracker.ofSite("YARD-B").version());
        assertEquals("base1", tracker.ofSite("YARD-C").version(), "a site without a model of its own: the base");
        assertEquals(Set.of("YARD-A", "YARD-B"), tracker.siteChampions().keySet());

        tracker.onRecord(record(yardB, 4, siteRelease("a-under-b", "YARD-A")), false);
        assertEquals("b1", tracker.ofSite("YARD-B").version(), "a release under another site's key changes nothing");
        assertEquals("a2", tracker.ofSite("YARD-A").version());

        tracker.onRecord(record(yardA, 5, null), false);
        assertEquals("base1", tracker.ofSite("YARD-A").version(), "a site's tombstone sends it back to the base");
        assertEquals("b1", tracker.ofSite("YARD-B").version(), "and leaves every other site as it was");
        assertEquals("base1", tracker.version());
    }

    @Test
    void whatThisRetrainerPublishedForASiteIsThatSitesChampionAtOnceAndNoOtherSites() {
        ChampionTracker tracker = new ChampionTracker("ree-mtnn", bootstrap, SERDE.deserializer());
        tracker.published(siteRelease("a-mine", "YARD-A"), 5);
        assertEquals("a-mine", tracker.ofSite("YARD-A").version());
        assertEquals(bootstrap.version(), tracker.version(), "the base is untouched");
        assertEquals(bootstrap.version(), tracker.ofSite("YARD-B").version());
        tracker.onRecord(record(ReleaseKey.site("ree-mtnn", "YARD-A").toString(), 3, siteRelease("a-older", "YARD-A")),
                false);
        assertEquals("a-mine", tracker.ofSite("YARD-A").version(), "the follower was behind on YARD-A's key");
        tracker.onRecord(record("ree-mtnn", 4, release("base-older-than-mine", otherArtifact, null)), false);
        assertEquals("base-older-than-mine", tracker.version(), "what was published for YARD-A holds back no other key");
    }

    private static ModelRelease siteRelease(String version, String site) {
        return ModelRelease.newBuilder(release(version, otherArtifact, null)).setSiteId(site).build();
    }

    /** What every test model here is trained on, as a release declares it. */
    private static final List<io.reescreen.schemas.MajorOxide> FEATURES = TrainingRecipe.paper().features().oxides()
            .stream().map(o -> io.reescreen.schemas.MajorOxide.valueOf(o.formula())).toList();

    private static ModelRelease release(String version, byte[] artifact, String sha) {
        return ModelRelease.newBuilder().setModelName("ree-mtnn").setVersion(version).setAction(ReleaseAction.PUBLISH)
                .setCreatedAt(Instant.parse("2025-06-01T00:00:00Z")).setFeatures(FEATURES).setMetrics(List.of())
                .setTrainingSettings(Map.of()).setLineage(List.of()).setArtifactFormatVersion(2)
                .setArtifact(ByteBuffer.wrap(artifact))
                .setArtifactSha256(sha != null ? sha : ModelArtifactCodec.sha256Hex(artifact)).build();
    }

    /** A models.served record whose time (ms) is its offset, as if released one per millisecond. */
    private static ConsumerRecord<byte[], byte[]> record(String key, long offset, ModelRelease release) {
        byte[] value = release == null ? null : SERDE.toBytes(release);
        return new ConsumerRecord<>(Topics.MODEL_SERVED.name(), 0, offset, offset, TimestampType.CREATE_TIME,
                key.length(), value == null ? -1 : value.length, key.getBytes(StandardCharsets.UTF_8), value,
                new RecordHeaders(), Optional.empty());
    }
}
