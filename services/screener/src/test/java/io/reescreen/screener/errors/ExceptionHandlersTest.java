package io.reescreen.screener.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reescreen.screener.topology.ScreenerStreamsConfig;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.junit.jupiter.api.Test;

/**
 * The handlers continue where continuing is real, count through the metrics they are configured with, and stop on
 * security errors and, under exactly-once, on sends the producer itself refused.
 */
class ExceptionHandlersTest {

    private final InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();
    private final Map<String, Object> configs = Map.of(ScreenerStreamsConfig.METRICS_CONFIG, metrics);

    @Test
    void deserializationErrorsAreSkippedAndCounted() {
        ContinueOnDeserializationError handler = new ContinueOnDeserializationError();
        handler.configure(configs);
        assertEquals(DeserializationHandlerResponse.CONTINUE, handler.handle((org.apache.kafka.streams.errors.ErrorHandlerContext) null,
                new ConsumerRecord<>("lots", 1, 42L, new byte[] {1}, new byte[] {2}), new SerializationException("bad")));
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.skippedCounter("deserialization")));
    }

    @Test
    void underAtLeastOnceProductionErrorsContinueExceptSecurityOnes() {
        ProductionErrorPolicy handler = new ProductionErrorPolicy();
        handler.configure(configs);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("ree.predictions", new byte[] {1});
        assertEquals(ProductionExceptionHandlerResponse.CONTINUE, handler.handle(null, record, new RecordTooLargeException("big")));
        assertEquals(ProductionExceptionHandlerResponse.CONTINUE, handler.handleSerializationException(null, record,
                new SerializationException("no"), SerializationExceptionOrigin.VALUE));
        assertEquals(ProductionExceptionHandlerResponse.FAIL, handler.handle(null, record,
                new TopicAuthorizationException("ree.predictions")));
        assertEquals(2, metrics.count(InMemoryScreenerMetrics.skippedCounter("production")));
    }

    @Test
    void underExactlyOnceARefusedSendStopsTheThreadWithItsReasonButAnOversizeRecordStoppedEarlyIsDropped() {
        ProductionErrorPolicy handler = new ProductionErrorPolicy();
        handler.configure(Map.of(ScreenerStreamsConfig.METRICS_CONFIG, metrics,
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("lot.compositions", new byte[] {1});
        // The real producer already aborted the transaction: continuing would only postpone the thread's death.
        assertEquals(ProductionExceptionHandlerResponse.FAIL, handler.handle(null, record,
                new RecordTooLargeException("the broker said MESSAGE_TOO_LARGE")));
        // Refused before the producer saw it: the transaction is intact, so dropping it is real.
        ProducerRecord<byte[], byte[]> big = new ProducerRecord<>("lot.compositions", new byte[2_000_000]);
        RecordLimitProducer guard = new RecordLimitProducer(new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()), 1_048_576);
        AtomicReference<Exception> refused = new AtomicReference<>();
        guard.send(big, (metadata, e) -> refused.set(e));
        assertEquals(ProductionExceptionHandlerResponse.CONTINUE, handler.handle(null, big, refused.get()));
        assertEquals(ProductionExceptionHandlerResponse.CONTINUE, handler.handleSerializationException(null, record,
                new SerializationException("no"), SerializationExceptionOrigin.KEY));
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.productionErrorCounter("send_failed", false)));
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.productionErrorCounter("record_too_large", true)));
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.productionErrorCounter("serialization", true)));
        assertEquals(2, metrics.count(InMemoryScreenerMetrics.skippedCounter("production")));
    }

    @Test
    void withoutMetricsConfiguredTheHandlersStillWork() {
        ContinueOnDeserializationError handler = new ContinueOnDeserializationError();
        handler.configure(Map.of());
        assertEquals(DeserializationHandlerResponse.CONTINUE, handler.handle((org.apache.kafka.streams.errors.ErrorHandlerContext) null,
                new ConsumerRecord<>("lots", 0, 0L, null, null), new SerializationException("bad")));
    }
}
