package io.reescreen.screener.errors;

import io.reescreen.screener.metrics.ScreenerMetrics;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KIP-1033: an exception thrown by a processor is logged with the record's source, counted, and the record is
 * dropped at that node; the stream goes on. Processors handle the failures they expect themselves (bad readings go
 * to the DLQ, model failures skip one prediction); this is the net under everything else.
 */
public final class ContinueOnProcessingError implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ContinueOnProcessingError.class);
    private ScreenerMetrics metrics = ScreenerMetrics.noop();

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = HandlerMetrics.from(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        metrics.recordSkipped("processing");
        LOG.error("processor {} failed on the record from {}-{}@{} (task {}); skipped", context.processorNodeId(),
                context.topic(), context.partition(), context.offset(), context.taskId(), exception);
        return ProcessingHandlerResponse.CONTINUE;
    }
}
