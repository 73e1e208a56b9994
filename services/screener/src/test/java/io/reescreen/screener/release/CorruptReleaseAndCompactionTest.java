package io.reescreen.screener.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.testing.TestSerdes;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 5: a corrupt release followed by compaction left only the corrupt record on models.releases, and a
 * restarted or new screener served the bootstrap model while the others served the good release. Now the gate passes
 * only good releases to models.served, which every instance serves from; compaction is simulated by giving a fresh
 * instance exactly what compaction leaves on both topics.
 */
class CorruptReleaseAndCompactionTest {

    private static final String NAME = ScreenerSettings.DEFAULT_MODEL_NAME;
    private static ModelArtifact v2;
    private static ModelArtifact v3;

    @BeforeAll
    static void artifacts() {
        v2 = TestModels.shifted(10);
        v3 = TestModels.shifted(20);
    }

    private static byte[] corrupt(ModelRelease good) {
        byte[] artifact = ModelArtifactCodec.encode(v3);
        artifact[artifact.length / 2] ^= 0x40; // a bit flipped after the checksum was taken
        return TestSerdes.RELEASE.toBytes(ModelRelease.newBuilder(good).setVersion("v3")
                .setArtifact(ByteBuffer.wrap(artifact)).build());
    }

    private static String predictVersion(ScreenerHarness screener, String readingId) {
        screener.send(Readings.oxides("L-1", readingId, Readings.typicalWtPct()).build());
        List<ReePrediction> out = screener.predictions.readValuesToList();
        assertEquals(1, out.size());
        return out.get(0).getModelVersion();
    }

    @Test
    void aCorruptReleaseNeverReachesModelsServedAndIsDeadLetteredWithItsReasonAndOriginalBytes() {
        try (ScreenerHarness screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained())) {
            TestOutputTopic<String, byte[]> served = screener.driver.createOutputTopic(Topics.MODEL_SERVED.name(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> dlq = screener.driver.createOutputTopic(Topics.MODEL_RELEASES_DLQ.name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            ModelRelease good = TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, v2);
            screener.publish(good);
            byte[] corrupt = corrupt(good);
            screener.releases.pipeInput(NAME, corrupt);

            List<TestRecord<String, byte[]>> passed = served.readRecordsToList();
            assertEquals(1, passed.size(), "only the good release passes");
            assertArrayEquals(TestSerdes.RELEASE.toBytes(good), passed.get(0).value(), "byte for byte");
            List<TestRecord<byte[], byte[]>> refused = dlq.readRecordsToList();
            assertEquals(1, refused.size());
            assertArrayEquals(corrupt, refused.get(0).value(), "the original bytes, unchanged");
            assertEquals(ReleaseRejection.CHECKSUM_MISMATCH.name(), DlqHeaders.text(refused.get(0).headers(), DlqHeaders.REASON));
            assertEquals(Topics.MODEL_RELEASES.name(), DlqHeaders.text(refused.get(0).headers(), DlqHeaders.SOURCE_TOPIC));
            assertEquals("1", DlqHeaders.text(refused.get(0).headers(), DlqHeaders.SOURCE_OFFSET));
            assertEquals("v2", predictVersion(screener, "R-1"), "the running instance keeps the good release");
            assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.releaseRejectedCounter(ReleaseRejection.CHECKSUM_MISMATCH)));
        }
    }

    @Test
    void afterCompactionARestartedOrNewInstanceServesTheLastGoodReleaseNotTheBootstrap() {
        ModelRelease good = TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, v2);
        // What compaction leaves: models.releases holds only the corrupt record of the name (it came last), and
        // models.served only the good release (the corrupt one never got there).
        try (ScreenerHarness fresh = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained())) {
            TestInputTopic<String, byte[]> served = fresh.driver.createInputTopic(Topics.MODEL_SERVED.name(),
                    new StringSerializer(), new ByteArraySerializer());
            served.pipeInput(NAME, TestSerdes.RELEASE.toBytes(good));
            fresh.releases.pipeInput(NAME, corrupt(good));

            assertEquals("v2", predictVersion(fresh, "R-1"));
            assertEquals("v2", fresh.models.info().version());
            assertTrue(fresh.models.disagreement().isEmpty());
        }
    }

    @Test
    void anInstanceThatCannotServeAnAcceptedReleaseSaysSoUntilOneItCanServeArrives() {
        try (ScreenerHarness screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained())) {
            screener.publish(TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, v2));
            assertEquals("v2", predictVersion(screener, "R-1"));
            // As if the gate ran on a newer build that reads artifact format 99 and this one does not.
            TestInputTopic<String, byte[]> served = screener.driver.createInputTopic(Topics.MODEL_SERVED.name(),
                    new StringSerializer(), new ByteArraySerializer());
            served.pipeInput(NAME, TestSerdes.RELEASE.toBytes(ModelRelease.newBuilder(
                    TestModels.release(NAME, "v3", ReleaseAction.PUBLISH, v3)).setArtifactFormatVersion(99).build()));

            assertEquals("v2", predictVersion(screener, "R-2"), "it keeps what it can serve");
            assertTrue(screener.models.disagreement().orElseThrow().contains("v3"), screener.models.disagreement().toString());
            assertTrue(screener.models.disagreement().orElseThrow().contains(ReleaseRejection.UNSUPPORTED_FORMAT.name()));
            assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.releaseNotServedCounter(ReleaseRejection.UNSUPPORTED_FORMAT)));

            screener.publish(TestModels.release(NAME, "v4", ReleaseAction.PUBLISH, v3));
            assertEquals("v4", predictVersion(screener, "R-3"));
            assertTrue(screener.models.disagreement().isEmpty(), "agrees again");
        }
    }
}
