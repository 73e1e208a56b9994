package io.reescreen.bench.faults;

import io.reescreen.bench.ReleaseRecords;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A good release of the screener's model name on {@code models.releases}, then a corrupt one under the same key
 * (the good one's checksum over flipped bytes), then the broker's log cleaner made to compact the topic at once so
 * that only the corrupt record of the name is left, as issue 10 item 5 describes.
 */
final class CorruptRelease {

    /** The screener's default model name (reescreen.screener.model-name). */
    static final String MODEL_NAME = "ree-mtnn";

    private final String bootstrap;
    private final RegistrySerdes serdes;
    private final String run;
    private ModelRelease good;
    private byte[] goodBytes;

    CorruptRelease(String bootstrap, String registryUrl, String run) {
        this.bootstrap = bootstrap;
        this.serdes = new RegistrySerdes(registryUrl, true);
        this.run = run;
    }

    /** Segments that roll after 100 ms and are cleaned as soon as the cleaner looks. */
    void compactSoon() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MODEL_RELEASES.name());
            admin.incrementalAlterConfigs(Map.of(topic, List.of(
                    new AlterConfigOp(new ConfigEntry("segment.ms", "100"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("min.cleanable.dirty.ratio", "0.01"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("min.compaction.lag.ms", "0"), AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    /** Publishes a small synthetic model as a release; returns its version. */
    String publishGood() throws Exception {
        ModelArtifact artifact = BootstrapModel.trainSynthetic(new BootstrapModel.SyntheticSpecification(60, 2, 10, 43L))
                .artifact();
        byte[] bytes = ModelArtifactCodec.encode(artifact);
        goodBytes = bytes.clone();
        good = ReleaseRecords.publish(artifact, bytes, MODEL_NAME, "faults-good-" + run, "bench faults: the good release")
                .build();
        publish(good);
        return good.getVersion().toString();
    }

    /** The good release's checksum over flipped artifact bytes; returns its offset. */
    long publishCorrupt() throws Exception {
        byte[] flipped = goodBytes.clone();
        flipped[flipped.length / 2] ^= 0x40;
        long offset = publish(ModelRelease.newBuilder(good).setVersion("faults-corrupt-" + run)
                .setArtifact(ByteBuffer.wrap(flipped)).setNote("bench faults: the corrupt release").build());
        Thread.sleep(300); // the segment holding both is then old enough to roll
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            // A record of another name rolls the segment; the cleaner then keeps only the latest of each name.
            producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), "faults-filler-" + run, null)).get();
        }
        return offset;
    }

    /** Waits until the cleaner has left only the record at {@code offset} under the model name. */
    void awaitOnlyRecord(long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ConsumerRecord<byte[], byte[]>> left = CommittedTopic.read(bootstrap, Topics.MODEL_RELEASES.name())
                    .stream().filter(r -> r.key() != null && MODEL_NAME.equals(new String(r.key(), StandardCharsets.UTF_8)))
                    .toList();
            if (left.size() == 1 && left.get(0).offset() == offset) {
                return;
            }
            Thread.sleep(2_000);
        }
        throw new IllegalStateException("models.releases was not compacted to the corrupt record within "
                + timeout.toSeconds() + " s");
    }

    private long publish(ModelRelease release) throws Exception {
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), serdes.valueSerde(ModelRelease.class).serializer())) {
            return producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), MODEL_NAME, release)).get().offset();
        }
    }
}
