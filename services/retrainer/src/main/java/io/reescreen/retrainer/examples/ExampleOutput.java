package io.reescreen.retrainer.examples;

import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ReeTargetValue;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What the join forwards: a training example (key: lot id), or the lab result's original bytes with reason headers
 * (key: the original key bytes). {@link LabelledExampleTopology} routes each by its value's type.
 */
public final class ExampleOutput {

    private ExampleOutput() {
    }

    /**
     * The example the join writes for a lab result and the composition it joined (public for the benchmarks, which
     * put real rows through the same code).
     *
     * @param info      the lot's metadata, or null (the site then comes from the composition)
     * @param partition the lab result's partition on lab.results (lineage)
     * @param offset    its offset there
     * @param nowMs     when the example is made, ms since the epoch
     */
    public static TrainingExample example(LabResult lab, LotComposition composition, LotInfo info, ReeTargetsPpmMol targets,
                                   int partition, long offset, long nowMs) {
        List<ReeTargetValue> values = new ArrayList<>(ReeTargetsPpmMol.COUNT);
        values.add(ReeTargetValue.newBuilder().setTarget(ReeTarget.TOTAL_REE).setValuePpmMol(targets.totalReePpmMol()).build());
        for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
            values.add(ReeTargetValue.newBuilder().setTarget(SchemaEnums.target(oxide))
                    .setValuePpmMol(targets.oxides().ppmMol(oxide)).build());
        }
        String site = info != null ? info.getSiteId() : composition.getSiteId();
        return TrainingExample.newBuilder()
                .setExampleId(lab.getLabResultId())
                .setLotId(lab.getLotId())
                .setSiteId(site)
                .setLabResultId(lab.getLabResultId())
                .setComposition(new ArrayList<>(composition.getOxides()))
                .setShotCount(composition.getShotCount())
                .setTargets(values)
                .setLabResultPartition(partition)
                .setLabResultOffset(offset)
                .setCompositionUpdatedAt(composition.getUpdatedAt())
                .setCreatedAt(Instant.ofEpochMilli(nowMs))
                .build();
    }

    static void forwardExample(ProcessorContext<Object, Object> context, TrainingExample example, long timestampMs) {
        context.forward(new Record<>(example.getLotId(), example, timestampMs));
    }

    /**
     * The example, or, when its total REE lies too far outside what the served model predicted for the lot, the same
     * example held (to lab.results.held, key: labResultId) until a person accepts it. Without a prediction for the lot
     * there is nothing to judge against and the example goes to training.
     */
    static void forwardOrHold(ProcessorContext<Object, Object> context, TrainingExample example, long timestampMs,
                              ServedPrediction served, double holdFactor) {
        String why = served == null ? null : served.beyond(totalPpmMol(example), holdFactor);
        if (why == null) {
            forwardExample(context, example, timestampMs);
            return;
        }
        Headers headers = DlqHeaders.of(null, HeldReason.OUTSIDE_SERVED_PREDICTION, why, Topics.LAB_RESULTS.name(),
                example.getLabResultPartition(), example.getLabResultOffset(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<Object, Object>(example.getLabResultId(), new Held(example), timestampMs, headers));
    }

    static double totalPpmMol(TrainingExample example) {
        for (ReeTargetValue v : example.getTargets()) {
            if (v.getTarget() == ReeTarget.TOTAL_REE) {
                return v.getValuePpmMol();
            }
        }
        return Double.NaN;
    }

    /** Why a lab result is held out of training (the reason header on lab.results.held). */
    public enum HeldReason {
        /** Its total REE is beyond the served prediction's 99.9 % interval by more than the configured factor. */
        OUTSIDE_SERVED_PREDICTION
    }

    /** An example held out of training, typed so it is routed to lab.results.held. */
    record Held(TrainingExample example) {
        static boolean is(Object key, Object value) {
            return value instanceof Held;
        }
    }

    static void forwardRejected(ProcessorContext<Object, Object> context, byte[] key, byte[] value, Headers original,
                                LabDlqReason reason, String detail, int partition, long offset, long timestampMs) {
        Headers headers = DlqHeaders.of(original, reason, detail == null ? "" : detail, Topics.LAB_RESULTS.name(),
                partition, offset, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        // A copy of a record near the size limit plus these headers would not fit; the send would fail and, under
        // exactly-once, stop the stream. So the copy is cut to fit, with the original's size and digest.
        DeadLetter letter = DeadLetter.fitted(key, value, headers, DeadLetter.DEFAULT_MAX_RECORD_BYTES);
        context.forward(new Record<Object, Object>(letter.key(), new RejectedBytes(letter.value()), timestampMs,
                letter.headers()));
    }

    /** A dead-lettered lab result's original value bytes, typed so it cannot be mistaken for an example. */
    record RejectedBytes(byte[] value) {
        static boolean is(Object key, Object value) {
            return value instanceof RejectedBytes;
        }
    }
}
