package io.reescreen.launcher;

import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the release gate (in the screener) did with one record sent to models.releases: passed its bytes on to
 * models.served, refused it onto models.releases.dlq (matched by the source offset in the dead letter's headers), or
 * nothing yet. Start watching before sending, so that a quick verdict is not missed.
 */
final class GateVerdict {

    /** The gate's answer, or {@link Kind#NONE_YET} when it gave none within the time allowed. */
    record Outcome(Kind kind, String where, String reason, String detail) {

        static Outcome noneYet() {
            return new Outcome(Kind.NONE_YET, null, null, null);
        }
    }

    enum Kind { ACCEPTED, REFUSED, NONE_YET }

    private final KafkaConsumer<byte[], byte[]> consumer;

    private GateVerdict(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Notes where models.served and models.releases.dlq end now: the verdict comes after. */
    static GateVerdict watchFromNow(String bootstrapServers, Duration timeout) {
        return watchFromNow(KafkaConnection.plaintext(bootstrapServers), timeout);
    }

    /** The same, on a cluster that wants security settings. */
    static GateVerdict watchFromNow(KafkaConnection connection, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        // The gate writes exactly once: an aborted transaction's record is no verdict.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(connection.clientConfig(config), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.MODEL_SERVED.name(), Topics.MODEL_RELEASES_DLQ.name())) {
                consumer.partitionsFor(topic, timeout).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.endOffsets(partitions, timeout).forEach(consumer::seek);
            return new GateVerdict(consumer);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Waits for the verdict on the record at {@code partition}/{@code offset} of models.releases, keyed
     * {@code releaseKey} (a {@link io.reescreen.release.ReleaseKey}: the base's or a site's), whose value was
     * {@code value} (null: a tombstone). The gate forwards accepted bytes
     * unchanged, so the served record is recognised by its bytes. Closes the watch.
     */
    Outcome await(String releaseKey, byte[] value, int partition, long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (consumer) {
            do {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String where = r.topic() + "-" + r.partition() + "@" + r.offset();
                    if (r.topic().equals(Topics.MODEL_SERVED.name())) {
                        if (r.key() != null && releaseKey.equals(new String(r.key(), StandardCharsets.UTF_8))
                                && Arrays.equals(value, r.value())) {
                            return new Outcome(Kind.ACCEPTED, where, null, null);
                        }
                    } else if (refusalOf(r, partition, offset)) {
                        return new Outcome(Kind.REFUSED, where, HeaderText.of(r.headers(), DlqHeaders.REASON).orElse("?"),
                                HeaderText.of(r.headers(), DlqHeaders.DETAIL).orElse(""));
                    }
                }
            } while (System.nanoTime() < deadline);
            return Outcome.noneYet();
        }
    }

    private static boolean refusalOf(ConsumerRecord<byte[], byte[]> deadLetter, int partition, long offset) {
        return HeaderText.of(deadLetter.headers(), DlqHeaders.SOURCE_TOPIC).filter(Topics.MODEL_RELEASES.name()::equals).isPresent()
                && HeaderText.of(deadLetter.headers(), DlqHeaders.SOURCE_PARTITION).filter(String.valueOf(partition)::equals).isPresent()
                && HeaderText.of(deadLetter.headers(), DlqHeaders.SOURCE_OFFSET).filter(String.valueOf(offset)::equals).isPresent();
    }
}
