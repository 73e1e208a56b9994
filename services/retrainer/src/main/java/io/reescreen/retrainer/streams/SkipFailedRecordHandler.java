package io.reescreen.retrainer.streams;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a processor throws on is skipped, counted and logged, and the stream goes on. The retrainer's processors
 * dead-letter or ignore bad input themselves; this is the backstop for what they did not foresee (Kafka's default,
 * LogAndFail, would stop the whole client on one record).
 */
public final class SkipFailedRecordHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SkipFailedRecordHandler.class);

    private StreamFailures failures = StreamFailures.of("unknown");

    @Override
    public void configure(Map<String, ?> configs) {
        failures = StreamFailures.of(String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)));
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String where = context.processorNodeId() + " on " + context.topic() + " partition " + context.partition()
                + " offset " + context.offset();
        failures.processingErrorSkipped(where + ": " + exception);
        LOG.error("processing error in {}; the record is skipped and the stream goes on", where, exception);
        return ProcessingHandlerResponse.CONTINUE;
    }
}
