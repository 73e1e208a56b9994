package io.reescreen.retrainer.examples;

import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each lot's latest composition (a lab result that comes long after still finds it) and, once it has enough
 * readings, releases the lab results that were waiting for it as training examples.
 */
final class CompositionJoiner implements Processor<String, LotComposition, Object, Object> {

    private final ExampleJoinSettings settings;
    private final Deserializer<LabResult> labResults;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, LotInfo> lots;
    private KeyValueStore<String, LotComposition> compositions;
    private KeyValueStore<String, WaitingLabResult> waiting;

    CompositionJoiner(ExampleJoinSettings settings, Deserializer<LabResult> labResults) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.labResults = Objects.requireNonNull(labResults, "labResults");
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.lots = context.getStateStore(ExampleStores.LOT_INFO);
        this.compositions = context.getStateStore(ExampleStores.COMPOSITIONS);
        this.waiting = context.getStateStore(ExampleStores.WAITING);
    }

    @Override
    public void process(Record<String, LotComposition> record) {
        if (record.key() == null || record.value() == null) {
            return; // nothing to keep; compositions are never deleted upstream
        }
        LotComposition composition = record.value();
        compositions.put(record.key(), composition);
        if (composition.getShotCount() < settings.minShotCount()) {
            return;
        }
        List<KeyValue<String, WaitingLabResult>> ready = new ArrayList<>();
        try (KeyValueIterator<String, WaitingLabResult> it = waiting.prefixScan(ExampleStores.waitingPrefix(record.key()),
                new StringSerializer())) {
            it.forEachRemaining(ready::add);
        }
        LotInfo info = lots.get(record.key());
        for (KeyValue<String, WaitingLabResult> entry : ready) {
            WaitingLabResult w = entry.value;
            try {
                LabResult lab = labResults.deserialize(Topics.LAB_RESULTS.name(), new RecordHeaders(), w.value());
                ExampleOutput.forwardExample(context, ExampleOutput.example(lab, composition, info,
                        LabTargets.of(lab, composition), w.partition(), w.offset(), context.currentSystemTimeMs()),
                        Math.max(w.timestampMs(), record.timestamp()));
            } catch (LabResultRejected e) {
                ExampleOutput.forwardRejected(context, w.key(), w.value(), new RecordHeaders(), e.reason(), e.getMessage(),
                        w.partition(), w.offset(), w.timestampMs());
            } catch (RuntimeException e) {
                ExampleOutput.forwardRejected(context, w.key(), w.value(), new RecordHeaders(),
                        LabDlqReason.PROCESSING_ERROR, e.toString(), w.partition(), w.offset(), w.timestampMs());
            }
            waiting.delete(entry.key);
        }
    }
}
