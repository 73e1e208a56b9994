package io.reescreen.screener.decode;

import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.screener.deadletter.Rejection;
import io.reescreen.screener.deadletter.RejectedReadings;
import io.reescreen.screener.deadletter.StagedReading;
import io.reescreen.screener.metrics.ScreenerMetrics;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first stage of the reading path: the raw xrf.readings value → an {@link XrfReading}, strictly
 * ({@link ReadingDecoder}). Counts every reading received. A value that is no XrfReading is dead-lettered as
 * UNDECODABLE, one whose schema the registry could not be asked for as REGISTRY_UNAVAILABLE; the record's key,
 * headers and value bytes go on unchanged for the stages after it.
 */
public final class ReadingDecodeStage implements Processor<byte[], byte[], byte[], StagedReading<XrfReading>> {

    private final ReadingDecoder decoder;
    private final ScreenerMetrics metrics;
    private final RejectedReadings rejected;
    private ProcessorContext<byte[], StagedReading<XrfReading>> context;

    /** @param decoder one per stream task (not thread-safe): give each processor its own */
    public ReadingDecodeStage(ReadingDecoder decoder, ScreenerMetrics metrics) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.rejected = new RejectedReadings("decode", metrics::readingDeadLettered);
    }

    @Override
    public void init(ProcessorContext<byte[], StagedReading<XrfReading>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.readingReceived();
        Rejection rejection;
        try {
            ReadingDecoder.Decoded decoded = decoder.decode(record.value());
            if (decoded.registryUnavailable()) {
                rejection = new Rejection(DlqReason.REGISTRY_UNAVAILABLE, decoded.problem());
            } else if (decoded.problem() != null) {
                rejection = new Rejection(DlqReason.UNDECODABLE, decoded.problem());
            } else {
                context.forward(record.withValue(StagedReading.passed(decoded.reading(), record.value())));
                return;
            }
        } catch (RuntimeException e) {
            rejection = rejected.unexpected(context, e);
        }
        rejected.forward(context, record, record.value(), rejection);
    }
}
