package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.screener.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 5 on a real broker: a good release is served, then a corrupt one arrives, then the broker's log
 * cleaner compacts models.releases (segments made to roll and be cleaned at once) so that only the corrupt record of
 * the name is left. The restarted instance and a brand-new deployment (its own application id, empty state) both
 * serve the good release, not the bootstrap. Its own stack, because it changes models.releases' segment settings.
 */
class CorruptReleaseEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration PROCESSING = Duration.ofSeconds(90);

    @Test
    void afterACorruptReleaseAndCompactionRestartedAndNewInstancesServeTheLastGoodRelease(@TempDir Path state)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String model = "cr-model-" + id;
        ModelRelease good = TestModels.release(model, "cr-v2-" + id, ReleaseAction.PUBLISH, TestModels.shifted(10));
        byte[] flipped = ModelArtifactCodec.encode(TestModels.shifted(20));
        flipped[flipped.length / 2] ^= 0x40;
        ModelRelease corrupt = ModelRelease.newBuilder(good).setVersion("cr-v3-" + id)
                .setArtifact(ByteBuffer.wrap(flipped)).build(); // checksum of the good artifact, bytes flipped

        try (EmbeddedStack stack = EmbeddedStack.start()) {
            compactSoon(stack);
            Map<String, Object> first = ScreenerServiceEmbeddedTest.config(stack, "cr-screener-" + id, state.resolve("a"), model);
            // Static membership, as ./reescreen screener has: the restarted instance takes the partitions back at
            // once instead of after the first one's 45 s session (Kafka Streams does not leave the group on close).
            first.put("reescreen.screener.instance-name", "cr-" + id);
            long corruptOffset;
            try (ScreenerService screener = ScreenerService.start(first)) {
                screener.awaitRunning(STARTUP);
                publish(stack, good);
                await().atMost(PROCESSING).until(() -> good.getVersion().equals(screener.model().info().version()));
                corruptOffset = publish(stack, corrupt);
                List<ConsumerRecord<byte[], byte[]>> refused = TopicReader.read(stack.bootstrapServers(),
                        Topics.MODEL_RELEASES_DLQ.name(), r -> model.equals(key(r)), 1, PROCESSING);
                assertEquals(1, refused.size());
                assertEquals(ReleaseRejection.CHECKSUM_MISMATCH.name(), DlqHeaders.text(refused.get(0).headers(), DlqHeaders.REASON));
                assertEquals(good.getVersion(), screener.model().info().version(), "the running instance serves on");
            }

            // A record of another name rolls the segment holding both releases; the cleaner then keeps the latest.
            Thread.sleep(300);
            publishTombstone(stack, "cr-filler-" + id);
            long compacting = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> TopicReader.read(
                    stack.bootstrapServers(), Topics.MODEL_RELEASES.name(), r -> model.equals(key(r)), 1,
                    Duration.ofSeconds(5)).size() == 1);
            List<ConsumerRecord<byte[], byte[]>> left = TopicReader.read(stack.bootstrapServers(),
                    Topics.MODEL_RELEASES.name(), r -> model.equals(key(r)), 1, Duration.ofSeconds(5));
            assertEquals(corruptOffset, left.get(0).offset(), "only the corrupt record is left");
            System.out.printf("models.releases compacted in %d ms: only the corrupt record of %s is left%n",
                    Duration.ofNanos(System.nanoTime() - compacting).toMillis(), model);

            Map<String, Object> fresh = ScreenerServiceEmbeddedTest.config(stack, "cr-new-" + id, state.resolve("b"), model);
            try (ScreenerService restarted = ScreenerService.start(first)) {
                // From the moment the restarted instance answers HTTP, /model is 503 or names the good release: the
                // streams are REBALANCING before models.served is restored, and /model must not answer with the
                // bootstrap meanwhile (what bench faults saw).
                String firstServed = null;
                long deadline = System.nanoTime() + STARTUP.toNanos();
                int unavailable = 0;
                while (firstServed == null && System.nanoTime() < deadline) {
                    Http.Answer answer = Http.get(restarted.uri(), "/model");
                    if (answer.status() == 200) {
                        firstServed = answer.json().path("version").asText();
                    } else {
                        assertEquals(503, answer.status(), answer.body());
                        unavailable++;
                        Thread.sleep(20);
                    }
                }
                System.out.printf("restarted: first /model answer %s after %d answers 503%n", firstServed, unavailable);
                assertEquals(good.getVersion().toString(), firstServed, "the first /model answer after a restart");
                try (ScreenerService newcomer = ScreenerService.start(fresh)) {
                    restarted.awaitRunning(STARTUP);
                    newcomer.awaitRunning(STARTUP);
                    for (ScreenerService s : List.of(restarted, newcomer)) {
                        await().atMost(PROCESSING).until(() -> good.getVersion().equals(s.model().info().version()));
                        assertTrue(s.model().disagreement().isEmpty());
                    }
                    System.out.printf("restarted and new instance both serve %s after corrupt record + compaction%n",
                            good.getVersion());
                }
            }
        }
    }

    /** Segments that roll after 100 ms and are cleaned as soon as the cleaner looks (every 15 s by default). */
    private static void compactSoon(EmbeddedStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MODEL_RELEASES.name());
            admin.incrementalAlterConfigs(Map.of(topic, List.of(
                    new AlterConfigOp(new ConfigEntry("segment.ms", "100"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("min.cleanable.dirty.ratio", "0.01"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("min.compaction.lag.ms", "0"), AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    private static void publishTombstone(EmbeddedStack stack, String name) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), name, null)).get();
        }
    }

    private static long publish(EmbeddedStack stack, ModelRelease release) throws Exception {
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), stack.serdes().valueSerde(ModelRelease.class).serializer())) {
            return producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), release.getModelName(), release))
                    .get().offset();
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }
}
