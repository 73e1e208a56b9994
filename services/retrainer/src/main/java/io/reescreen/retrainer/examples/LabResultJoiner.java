package io.reescreen.retrainer.examples;

import io.reescreen.streams.SourcePosition;
import io.reescreen.schemas.Identifiers;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lab result as it arrives: decoded and checked here (a bad one goes to lab.results.dlq with its original bytes
 * and the reason), joined at once when its lot already has a composition of enough readings, else kept waiting
 * until one comes ({@link CompositionJoiner}) or the wait limit passes (NO_COMPOSITION). Nothing is dropped silently.
 */
final class LabResultJoiner implements Processor<byte[], byte[], Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(LabResultJoiner.class);

    /**
     * Unit: bytes. A lab result (16 values, ids of at most 256 bytes) is under 2 KB; this leaves room for schema
     * evolution while keeping a waiting result's changelog record far below the broker's 1 MB record limit.
     */
    public static final int MAX_LAB_RESULT_BYTES = 64 * 1024;

    private final ExampleJoinSettings settings;
    private final Deserializer<LabResult> labResults;
    private ProcessorContext<Object, Object> context;
    private JoinState state;

    LabResultJoiner(ExampleJoinSettings settings, Deserializer<LabResult> labResults) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.labResults = Objects.requireNonNull(labResults, "labResults");
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.state = JoinState.of(context, settings);
        context.schedule(settings.expiryCheckEvery(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        // Its position on lab.results (stamped before the hop onto the lot's partition), for lineage and dead letters.
        SourcePosition source = SourcePosition.of(record, context, Topics.LAB_RESULTS.name());
        int partition = source.partition();
        long offset = source.offset();
        Headers original = SourcePosition.unstamped(record.headers());
        try {
            LabResult lab = decode(record);
            LotComposition composition = state.compositions.get(lab.getLotId());
            if (composition == null && state.lots.get(lab.getLotId()) == null) {
                throw new LabResultRejected(LabDlqReason.UNKNOWN_LOT, "no lot " + lab.getLotId() + " on the lots topic");
            }
            LabTargets.check(lab);
            if (state.enough(composition)) {
                state.forwardExample(context, lab, composition, partition, offset, record.timestamp());
            } else {
                state.waiting.put(ExampleStores.waitingKey(lab.getLotId(), lab.getLabResultId()), new WaitingLabResult(
                        record.key(), record.value(), partition, offset, record.timestamp(), context.currentSystemTimeMs()));
            }
        } catch (LabResultRejected e) {
            ExampleOutput.forwardRejected(context, record.key(), record.value(), original, e.reason(),
                    e.getMessage(), partition, offset, record.timestamp());
        } catch (RuntimeException e) {
            LOG.warn("lab result at partition {} offset {} failed; dead-lettered", partition, offset, e);
            ExampleOutput.forwardRejected(context, record.key(), record.value(), original,
                    LabDlqReason.PROCESSING_ERROR, e.toString(), partition, offset, record.timestamp());
        }
    }

    private LabResult decode(Record<byte[], byte[]> record) throws LabResultRejected {
        if (record.value() == null) {
            throw new LabResultRejected(LabDlqReason.TOMBSTONE, "no value: lab results are never deleted");
        }
        if (record.value().length > MAX_LAB_RESULT_BYTES) {
            throw new LabResultRejected(LabDlqReason.OVERSIZE, "the value is " + record.value().length
                    + " bytes; a lab result is at most " + MAX_LAB_RESULT_BYTES);
        }
        Decoded.Result<LabResult> decoded = Decoded.as(LabResult.class, labResults, Topics.LAB_RESULTS.name(),
                record.headers(), record.value());
        if (decoded.problem() != null) {
            throw new LabResultRejected(decoded.problem() == IgnoredReason.WRONG_TYPE ? LabDlqReason.WRONG_TYPE
                    : LabDlqReason.UNDECODABLE, decoded.detail());
        }
        LabResult lab = decoded.value();
        if (lab.getLabResultId() == null || lab.getLabResultId().isBlank() || lab.getLotId() == null
                || lab.getLotId().isBlank()) {
            throw new LabResultRejected(LabDlqReason.MISSING_ID, "labResultId and lotId are required");
        }
        Optional<String> idProblem = Identifiers.problem("labResultId", lab.getLabResultId())
                .or(() -> Identifiers.problem("lotId", lab.getLotId()))
                .or(() -> Identifiers.problem("labId", lab.getLabId()));
        if (idProblem.isPresent()) {
            throw new LabResultRejected(LabDlqReason.INVALID_ID, idProblem.get());
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!lab.getLotId().equals(key)) {
            throw new LabResultRejected(LabDlqReason.LOT_KEY_MISMATCH, "key " + key + " but lotId " + lab.getLotId());
        }
        return lab;
    }

    /** Dead-letters results that waited longer than allowed; they stay on the DLQ for a person to look at. */
    private void expire(long nowMs) {
        List<KeyValue<String, WaitingLabResult>> expired = new ArrayList<>();
        try (KeyValueIterator<String, WaitingLabResult> all = state.waiting.all()) {
            while (all.hasNext()) {
                KeyValue<String, WaitingLabResult> next = all.next();
                if (nowMs - next.value.arrivedAtMs() >= settings.maxWait().toMillis()) {
                    expired.add(next);
                }
            }
        }
        for (KeyValue<String, WaitingLabResult> e : expired) {
            WaitingLabResult w = e.value;
            ExampleOutput.forwardRejected(context, w.key(), w.value(), new RecordHeaders(), LabDlqReason.NO_COMPOSITION,
                    "no composition of at least " + settings.minShotCount() + " readings within " + settings.maxWait(),
                    w.partition(), w.offset(), w.timestampMs());
            state.waiting.delete(e.key);
        }
    }
}
