package io.reescreen.retrainer.streams;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be written because of itself (too large, or it does not serialise) is dropped, counted and
 * logged at ERROR with where it came from; anything else (the broker, authorisation) still fails, since dropping then
 * would lose good records. The join bounds what it writes, so this should never fire: it is the last line.
 */
public final class DropUnwritableRecordHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DropUnwritableRecordHandler.class);

    private StreamFailures failures = StreamFailures.of("unknown");

    @Override
    public void configure(Map<String, ?> configs) {
        failures = StreamFailures.of(String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)));
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            return drop(context, record == null ? null : record.topic(), exception);
        }
        LOG.error("writing to {} failed; the stream stops", record == null ? "?" : record.topic(), exception);
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                           ProducerRecord record, Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        return drop(context, record == null ? null : record.topic(), exception);
    }

    private ProductionExceptionHandlerResponse drop(ErrorHandlerContext context, String topic, Exception exception) {
        String what = "to " + topic + " from " + context.topic() + " partition " + context.partition() + " offset "
                + context.offset() + ": " + exception;
        failures.productionErrorDropped(what);
        LOG.error("a record could not be written and is dropped ({}); the source record stays on its topic", what);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }
}
