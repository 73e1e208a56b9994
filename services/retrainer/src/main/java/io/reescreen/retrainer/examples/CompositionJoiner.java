package io.reescreen.retrainer.examples;

import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.Topics;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.Identifiers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Keeps each lot's latest composition (a lab result that comes long after still finds it) and, once it has enough
 * readings, releases the lab results that were waiting for it as training examples.
 */
final class CompositionJoiner implements Processor<byte[], byte[], Object, Object> {

    private final ExampleJoinSettings settings;
    private final Deserializer<LabResult> labResults;
    private final Deserializer<LotComposition> decoder;
    private final IgnoredRecords ignored;
    private ProcessorContext<Object, Object> context;
    private JoinState state;

    CompositionJoiner(ExampleJoinSettings settings, Deserializer<LabResult> labResults,
                      Deserializer<LotComposition> decoder, IgnoredRecords ignored) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.labResults = Objects.requireNonNull(labResults, "labResults");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.ignored = Objects.requireNonNull(ignored, "ignored");
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.state = JoinState.of(context, settings);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return; // nothing to keep; compositions are never deleted upstream
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        LotComposition composition = usable(key, record);
        if (composition == null) {
            return;
        }
        state.compositions.put(key, composition);
        if (!state.enough(composition)) {
            return;
        }
        List<KeyValue<String, WaitingLabResult>> ready = new ArrayList<>();
        try (KeyValueIterator<String, WaitingLabResult> it = state.waiting.prefixScan(ExampleStores.waitingPrefix(key),
                new StringSerializer())) {
            it.forEachRemaining(ready::add);
        }
        for (KeyValue<String, WaitingLabResult> entry : ready) {
            WaitingLabResult w = entry.value;
            try {
                LabResult lab = labResults.deserialize(Topics.LAB_RESULTS.name(), new RecordHeaders(), w.value());
                state.forwardExample(context, lab, composition, w.partition(), w.offset(),
                        Math.max(w.timestampMs(), record.timestamp()));
            } catch (LabResultRejected e) {
                ExampleOutput.forwardRejected(context, w.key(), w.value(), new RecordHeaders(), e.reason(), e.getMessage(),
                        w.partition(), w.offset(), w.timestampMs());
            } catch (RuntimeException e) {
                ExampleOutput.forwardRejected(context, w.key(), w.value(), new RecordHeaders(),
                        LabDlqReason.PROCESSING_ERROR, e.toString(), w.partition(), w.offset(), w.timestampMs());
            }
            state.waiting.delete(entry.key);
        }
    }

    /**
     * The composition as the store keeps it (without the analyzer ids, which the join does not use and which are
     * unbounded in number), or null when it cannot be used: counted and logged, the stream goes on.
     */
    private LotComposition usable(String key, Record<byte[], byte[]> record) {
        Decoded.Result<LotComposition> decoded = Decoded.as(LotComposition.class, decoder, Topics.LOT_COMPOSITIONS.name(),
                record.headers(), record.value());
        if (decoded.problem() != null) {
            return ignore(record, decoded.problem(), decoded.detail());
        }
        LotComposition c = decoded.value();
        if (c.getLotId() == null || c.getLotId().isBlank()) {
            return ignore(record, IgnoredReason.MISSING_ID, "no lotId");
        }
        Optional<String> idProblem = Identifiers.problem("lotId", c.getLotId())
                .or(() -> Identifiers.problem("siteId", c.getSiteId()))
                .or(() -> Identifiers.problem("lastReadingId", c.getLastReadingId()));
        if (idProblem.isPresent()) {
            return ignore(record, IgnoredReason.INVALID_ID, idProblem.get());
        }
        if (!c.getLotId().equals(key)) {
            return ignore(record, IgnoredReason.LOT_KEY_MISMATCH, "key " + key + " but lotId " + c.getLotId());
        }
        if (c.getOxides() == null || c.getOxides().size() > MajorOxide.values().length) {
            return ignore(record, IgnoredReason.INVALID_COMPOSITION, (c.getOxides() == null ? 0 : c.getOxides().size())
                    + " oxides; a composition has the ten majors");
        }
        return LotComposition.newBuilder(c).setAnalyzerIds(List.of()).build();
    }

    private LotComposition ignore(Record<byte[], byte[]> record, IgnoredReason reason, String detail) {
        ignored.ignore(record, context, Topics.LOT_COMPOSITIONS.name(), reason, detail);
        return null;
    }
}
