package io.reescreen.screener.rescore;

import io.reescreen.schemas.HeaderText;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/** Where rescored predictions go. */
public interface RescoredSink extends AutoCloseable {

    /** Which run wrote a record: a rescore's own id (several runs may write the same topic). */
    String RUN = "reescreen.rescore.run";
    /** Where the composition it was scored from lies: topic, partition, offset, and its record time (ISO-8601 UTC). */
    String SOURCE_TOPIC = "reescreen.rescore.source.topic";
    String SOURCE_PARTITION = "reescreen.rescore.source.partition";
    String SOURCE_OFFSET = "reescreen.rescore.source.offset";
    String SOURCE_TIME = "reescreen.rescore.source.time";

    /** @param source the lot.compositions record it was scored from */
    void send(ReePrediction prediction, ConsumerRecord<byte[], byte[]> source);

    /** Waits until everything sent so far is acknowledged; throws if anything was not written. */
    void flush();

    @Override
    void close();

    /**
     * To {@link Topics#REE_PREDICTIONS_RESCORED}, key lotId, with an idempotent producer and acks=all. The record time
     * is the time of writing (so the topic's retention counts from the rescore, not from the history it covers); the
     * source's time is in a header.
     */
    static RescoredSink kafka(String bootstrapServers, Serializer<ReePrediction> values, String runId) {
        return kafka(KafkaConnection.plaintext(bootstrapServers), values, runId);
    }

    /** The same on a cluster that wants security settings. */
    static RescoredSink kafka(KafkaConnection connection, Serializer<ReePrediction> values, String runId) {
        return new KafkaSink(connection, values, runId);
    }

    final class KafkaSink implements RescoredSink {
        private final String topic = Topics.REE_PREDICTIONS_RESCORED.name();
        private final KafkaProducer<byte[], byte[]> producer;
        private final Serializer<ReePrediction> values;
        private final String runId;
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

        private KafkaSink(KafkaConnection connection, Serializer<ReePrediction> values, String runId) {
            this.values = Objects.requireNonNull(values, "values");
            this.runId = Objects.requireNonNull(runId, "runId");
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "reescreen-rescore");
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            this.producer = new KafkaProducer<>(connection.clientConfig(config), new ByteArraySerializer(),
                    new ByteArraySerializer());
        }

        @Override
        public void send(ReePrediction prediction, ConsumerRecord<byte[], byte[]> source) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(RUN, HeaderText.utf8(runId));
            headers.add(SOURCE_TOPIC, HeaderText.utf8(source.topic()));
            headers.add(SOURCE_PARTITION, HeaderText.utf8(Integer.toString(source.partition())));
            headers.add(SOURCE_OFFSET, HeaderText.utf8(Long.toString(source.offset())));
            headers.add(SOURCE_TIME, HeaderText.utf8(Instant.ofEpochMilli(source.timestamp()).toString()));
            byte[] value = values.serialize(topic, headers, prediction);
            producer.send(new ProducerRecord<>(topic, null, null,
                    prediction.getLotId().getBytes(StandardCharsets.UTF_8), value, headers), (metadata, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                        }
                    });
        }

        @Override
        public void flush() {
            producer.flush();
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " rescored predictions were not written to " + topic
                        + ": " + firstFailure.get().getMessage(), firstFailure.get());
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
