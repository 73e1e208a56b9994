package io.reescreen.screener.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reescreen.screener.ScreenerStreamsConfig;
import io.reescreen.screener.metrics.InMemoryScreenerMetrics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.junit.jupiter.api.Test;

/** The handlers continue, count through the metrics they are configured with, and stop only on security errors. */
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
    void productionErrorsContinueExceptSecurityOnes() {
        ContinueOnProductionError handler = new ContinueOnProductionError();
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
    void withoutMetricsConfiguredTheHandlersStillWork() {
        ContinueOnDeserializationError handler = new ContinueOnDeserializationError();
        handler.configure(Map.of());
        assertEquals(DeserializationHandlerResponse.CONTINUE, handler.handle((org.apache.kafka.streams.errors.ErrorHandlerContext) null,
                new ConsumerRecord<>("lots", 0, 0L, null, null), new SerializationException("bad")));
    }
}
