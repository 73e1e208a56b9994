package io.reescreen.screener.errors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * The stream's producer with one check in front of {@code send}: a record bigger than {@code max.request.size} is
 * failed here, through its callback, and never reaches the transactional producer.
 *
 * <p>Why: {@code KafkaProducer} refuses such a record too, but first moves its transaction into an abortable error
 * state (Kafka 3.9 {@code TransactionManager#maybeTransitionToErrorState}; unchanged in 4.4.0, see
 * RecordLimitProducerEmbeddedTest). Under {@code exactly_once_v2} no later
 * send or commit of that transaction can succeed, whatever the production exception handler answers: the stream
 * thread dies at the next commit and the record is processed again after a restart, so a deterministic oversize
 * output stops the stream for good. Failed here instead, the record is handed to {@link ProductionErrorPolicy} as
 * {@link OversizeRecordException}, dropped and counted, and the transaction commits as if it had never existed.
 */
public final class RecordLimitProducer implements Producer<byte[], byte[]> {

    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    private static final long DEFAULT_BUFFER_MEMORY = 33_554_432L;

    /** A record refused by {@link RecordLimitProducer}: the transaction is untouched, so dropping it is safe. */
    public static final class OversizeRecordException extends RecordTooLargeException {
        private static final long serialVersionUID = 1L;
        private final int sizeBytes;
        private final int limitBytes;

        OversizeRecordException(String topic, int sizeBytes, int limitBytes) {
            super("a record to " + topic + " would be " + sizeBytes + " bytes in a batch, above the limit of "
                    + limitBytes + " bytes (max.request.size); refused before the producer saw it");
            this.sizeBytes = sizeBytes;
            this.limitBytes = limitBytes;
        }

        /** The record's size as the producer would count it (an upper bound, batch framing included), bytes. */
        public int sizeBytes() {
            return sizeBytes;
        }

        /** The limit it broke, bytes. */
        public int limitBytes() {
            return limitBytes;
        }
    }

    private final Producer<byte[], byte[]> delegate;
    private final int limitBytes;

    /** @param limitBytes the largest record (batch framing included, as the producer counts it) that may be sent */
    public RecordLimitProducer(Producer<byte[], byte[]> delegate, int limitBytes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes must be > 0, got " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /** The limit a producer with this configuration enforces: {@code max.request.size}, or less buffer memory. */
    public static int limitOf(Map<String, Object> producerConfig) {
        long maxRequest = number(producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), DEFAULT_MAX_REQUEST_SIZE);
        long buffer = number(producerConfig.get(ProducerConfig.BUFFER_MEMORY_CONFIG), DEFAULT_BUFFER_MEMORY);
        return (int) Math.min(Integer.MAX_VALUE, Math.min(maxRequest, buffer));
    }

    /**
     * The size the producer checks against its limit (Kafka's own upper bound for a one-record batch), bytes. It uses
     * Kafka's internal record classes (moved to {@code common.record.internal} in 4.3): an upgrade may move them again.
     */
    public static int sizeOf(ProducerRecord<byte[], byte[]> record) {
        Header[] headers = record.headers() == null ? new Header[0] : record.headers().toArray();
        // The producer's own bound (KafkaProducer#doSend); with magic v2 it does not depend on the compression.
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                record.key(), record.value(), headers);
    }

    public int limitBytes() {
        return limitBytes;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        int size = sizeOf(record);
        if (size <= limitBytes) {
            return delegate.send(record, callback);
        }
        OversizeRecordException refused = new OversizeRecordException(record.topic(), size, limitBytes);
        RecordMetadata none = new RecordMetadata(new TopicPartition(record.topic(),
                record.partition() == null ? RecordMetadata.UNKNOWN_PARTITION : record.partition()),
                -1, -1, RecordBatch.NO_TIMESTAMP, -1, -1);
        if (callback != null) {
            callback.onCompletion(none, refused);
        }
        CompletableFuture<RecordMetadata> failed = new CompletableFuture<>();
        failed.completeExceptionally(refused);
        return failed;
    }

    @Override
    public void initTransactions() {
        delegate.initTransactions();
    }

    @Override
    public void beginTransaction() {
        delegate.beginTransaction();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                         ConsumerGroupMetadata groupMetadata) {
        delegate.sendOffsetsToTransaction(offsets, groupMetadata);
    }

    @Override
    public void commitTransaction() {
        delegate.commitTransaction();
    }

    @Override
    public void abortTransaction() {
        delegate.abortTransaction();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        delegate.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        delegate.unregisterMetricFromSubscription(metric);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return delegate.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return delegate.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return delegate.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void close(Duration timeout) {
        delegate.close(timeout);
    }

    private static long number(Object value, long fallback) {
        if (value == null) {
            return fallback;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    }
}
