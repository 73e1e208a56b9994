package io.reescreen.retrainer.examples;

import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What both sides of the join read and write (a lot's metadata, its latest composition, the lab results waiting for
 * one, its served prediction), and the one way a lab result and a composition become an example. Each joiner
 * ({@link LabResultJoiner}, {@link CompositionJoiner}) differs only in which record arrived.
 */
final class JoinState {

    final KeyValueStore<String, LotInfo> lots;
    final KeyValueStore<String, LotComposition> compositions;
    final KeyValueStore<String, WaitingLabResult> waiting;
    private final KeyValueStore<String, ServedPrediction> predictions;
    private final ExampleJoinSettings settings;

    private JoinState(ProcessorContext<?, ?> context, ExampleJoinSettings settings) {
        this.lots = context.getStateStore(ExampleStores.LOT_INFO);
        this.compositions = context.getStateStore(ExampleStores.COMPOSITIONS);
        this.waiting = context.getStateStore(ExampleStores.WAITING);
        this.predictions = context.getStateStore(ExampleStores.SERVED_PREDICTIONS);
        this.settings = settings;
    }

    static JoinState of(ProcessorContext<?, ?> context, ExampleJoinSettings settings) {
        return new JoinState(context, settings);
    }

    /** Whether a lab result joins this composition now, rather than waiting for one of more readings. */
    boolean enough(LotComposition composition) {
        return composition != null && composition.getShotCount() >= settings.minShotCount();
    }

    /**
     * The example for a lab result and its lot's composition, forwarded to training or held for a person
     * ({@link ExampleOutput#forwardOrHold}).
     *
     * @param partition   the lab result's partition on lab.results (lineage)
     * @param offset      its offset there
     * @param timestampMs the example's timestamp, ms since the epoch
     */
    void forwardExample(ProcessorContext<Object, Object> context, LabResult lab, LotComposition composition,
                        int partition, long offset, long timestampMs) throws LabResultRejected {
        ExampleOutput.forwardOrHold(context, ExampleOutput.example(lab, composition, lots.get(lab.getLotId()),
                        LabTargets.of(lab, composition), partition, offset, context.currentSystemTimeMs()),
                timestampMs, predictions.get(lab.getLotId()), settings.holdFactor());
    }
}
