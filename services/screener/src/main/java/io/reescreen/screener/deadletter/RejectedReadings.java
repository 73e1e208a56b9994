package io.reescreen.screener.deadletter;

import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.Topics;
import io.reescreen.streams.SourcePosition;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every stage of the reading path does with a reading it refuses: counts it, logs it, and forwards its dead
 * letter ({@link ReadingDeadLetter}) on towards xrf.readings.dlq. One per stage processor.
 */
public final class RejectedReadings {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedReadings.class);

    private final String stage;
    private final Consumer<DlqReason> counter;

    /**
     * @param stage   the stage's name, for the log
     * @param counter counts a dead letter by reason (the screener's metrics)
     */
    public RejectedReadings(String stage, Consumer<DlqReason> counter) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    /**
     * Forwards a dead letter an earlier stage made, untouched, towards the one DLQ sink.
     *
     * @return true when the record was such a dead letter (the stage has nothing more to do with it)
     */
    public <I, O> boolean passedOn(ProcessorContext<byte[], StagedReading<O>> context,
                                   Record<byte[], StagedReading<I>> record) {
        if (!record.value().isDeadLetter()) {
            return false;
        }
        context.forward(record.withValue(record.value().passedOn()));
        return true;
    }

    /**
     * A failure the stage did not foresee: logged with its stack trace and turned into a PROCESSING_ERROR, so the
     * reading is kept in the DLQ rather than the stream stopped.
     */
    public Rejection unexpected(ProcessorContext<?, ?> context, RuntimeException e) {
        LOG.warn("unexpected failure in stage {} on a reading at {}; dead-lettering it", stage, where(context), e);
        return new Rejection(DlqReason.PROCESSING_ERROR, e.toString());
    }

    /**
     * Forwards the dead letter of {@code record}.
     *
     * @param record        as the stage received it: the original key, headers and timestamp
     * @param originalValue the value bytes as read from xrf.readings
     */
    public <T> void forward(ProcessorContext<byte[], StagedReading<T>> context, Record<byte[], ?> record,
                            byte[] originalValue, Rejection rejection) {
        counter.accept(rejection.reason());
        LOG.debug("reading at {} dead-lettered by stage {}: {} {}", where(context), stage, rejection.reason(),
                rejection.detail());
        // The position on xrf.readings, stamped before the hop onto the lot's partition (else this record's own).
        SourcePosition source = SourcePosition.of(record, context, Topics.XRF_READINGS.name());
        context.forward(ReadingDeadLetter.of(record, originalValue, rejection, source, context.currentSystemTimeMs(),
                DeadLetter.DEFAULT_MAX_RECORD_BYTES));
    }

    private static String where(ProcessorContext<?, ?> context) {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
