package io.reescreen.screener.errors;

import io.reescreen.screener.metrics.ScreenerMetrics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record that cannot be serialised or sent (too large, invalid) is logged, counted and dropped; the stream
 * goes on. Security failures still stop the application: continuing would silently drop every output.
 */
public final class ContinueOnProductionError implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ContinueOnProductionError.class);
    private ScreenerMetrics metrics = ScreenerMetrics.noop();

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = HandlerMetrics.from(configs);
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        return decide(record, exception, "send");
    }

    @Override
    @SuppressWarnings("deprecation")
    public ProductionExceptionHandlerResponse handle(ProducerRecord<byte[], byte[]> record, Exception exception) {
        return decide(record, exception, "send");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                           ProducerRecord record, Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        return decide(record, exception, "serialise " + origin.name().toLowerCase(java.util.Locale.ROOT) + " of");
    }

    @Override
    @SuppressWarnings({"deprecation", "rawtypes"})
    public ProductionExceptionHandlerResponse handleSerializationException(ProducerRecord record, Exception exception) {
        return decide(record, exception, "serialise");
    }

    private ProductionExceptionHandlerResponse decide(ProducerRecord<?, ?> record, Exception exception, String what) {
        if (exception instanceof AuthorizationException || exception instanceof AuthenticationException) {
            LOG.error("cannot {} a record to {}: {}; stopping", what, record.topic(), exception.toString());
            return ProductionExceptionHandlerResponse.FAIL;
        }
        metrics.recordSkipped("production");
        LOG.error("cannot {} a record to {}; dropped", what, record.topic(), exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }
}
