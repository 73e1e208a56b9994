package io.reescreen.screener.errors;

import io.reescreen.screener.metrics.ScreenerMetrics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.ProcessorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose key or value cannot be deserialised is logged, counted and skipped; the stream goes on. Readings
 * never get here (they are consumed as bytes and dead-lettered by the topology); this covers lots and any topic the
 * topology reads through a serde. The skipped record stays on its topic for inspection.
 */
public final class ContinueOnDeserializationError implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ContinueOnDeserializationError.class);
    private ScreenerMetrics metrics = ScreenerMetrics.noop();

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = HandlerMetrics.from(configs);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        return skip(record, exception);
    }

    @Override
    @SuppressWarnings("deprecation")
    public DeserializationHandlerResponse handle(ProcessorContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        return skip(record, exception);
    }

    private DeserializationHandlerResponse skip(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        metrics.recordSkipped("deserialization");
        LOG.warn("skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                exception.toString());
        return DeserializationHandlerResponse.CONTINUE;
    }
}
