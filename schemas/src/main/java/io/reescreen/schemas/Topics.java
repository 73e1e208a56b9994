package io.reescreen.schemas;

import java.util.List;

/**
 * The topics of ARCHITECTURE.md: the one place their names, partition counts and cleanup policies live.
 * Every topic keyed by lot id shares one partition count, so joins on lot id are co-partitioned.
 */
public final class Topics {

    /** Partitions of every lot-keyed topic; a co-partitioning requirement, not a tuning knob per topic. */
    public static final int LOT_PARTITIONS = 3;

    /** Inputs written by producers outside the system are FULL_TRANSITIVE in the registry (schemas/README.md). */
    public static final TopicSpec XRF_READINGS = TopicSpec.deleted("xrf.readings", LOT_PARTITIONS).writtenByOutsideProducers();
    public static final TopicSpec XRF_READINGS_DLQ = TopicSpec.deleted("xrf.readings.dlq", 1);
    public static final TopicSpec LOTS = TopicSpec.compacted("lots", LOT_PARTITIONS).writtenByOutsideProducers();
    /** lots records the screener refused (original bytes, reason in headers), like xrf.readings.dlq. */
    public static final TopicSpec LOTS_DLQ = TopicSpec.deleted("lots.dlq", 1);
    public static final TopicSpec LOT_COMPOSITIONS = TopicSpec.deleted("lot.compositions", LOT_PARTITIONS);
    public static final TopicSpec REE_PREDICTIONS = TopicSpec.deleted("ree.predictions", LOT_PARTITIONS);
    public static final TopicSpec REE_ALERTS = TopicSpec.deleted("ree.alerts", LOT_PARTITIONS);
    /**
     * Yard operators' acknowledgements of alerts (key: alertId, value: AlertAcknowledgement), written only by the
     * screener's board; compacted, so the last acknowledgement of every alert is kept and survives restarts.
     */
    public static final TopicSpec ALERT_ACKS = TopicSpec.compacted("ree.alerts.acks", 1);
    /** Releases as published (retrainer, data teams); every screener's release gate checks each one. */
    public static final TopicSpec MODEL_RELEASES = TopicSpec.compacted("models.releases", 1);
    /**
     * The releases the gate accepted, byte for byte (key: model name): what every screener serves and the retrainer
     * follows. A refused record never gets here, so compaction keeps the last good release of each name.
     */
    public static final TopicSpec MODEL_SERVED = TopicSpec.compacted("models.served", 1);
    /** Releases the gate refused: the original bytes (cut to fit if need be) and the reason in headers. */
    public static final TopicSpec MODEL_RELEASES_DLQ = TopicSpec.deleted("models.releases.dlq", 1);
    /** Every retraining attempt, published or rejected, with why (key: model name); the retrainer's history. */
    public static final TopicSpec MODEL_ATTEMPTS = TopicSpec.deleted("models.attempts", 1);
    public static final TopicSpec LAB_RESULTS = TopicSpec.deleted("lab.results", LOT_PARTITIONS).writtenByOutsideProducers();
    public static final TopicSpec LAB_RESULTS_DLQ = TopicSpec.deleted("lab.results.dlq", 1);
    /**
     * Lab results far outside what the served model predicted, held out of training until a person accepts them
     * (key: labResultId, value: the TrainingExample they would make; a tombstone once accepted). The retrainer's.
     */
    public static final TopicSpec LAB_RESULTS_HELD = TopicSpec.compacted("lab.results.held", 1);
    public static final TopicSpec TRAINING_EXAMPLES = TopicSpec.deleted("training.examples", LOT_PARTITIONS);
    /**
     * Realised accuracy: each joined lab result compared with the last prediction served for its lot before it
     * (key: lotId, value: ModelPerformance). The retrainer's, written exactly once with its join.
     */
    public static final TopicSpec MODEL_PERFORMANCE = TopicSpec.deleted("models.performance", LOT_PARTITIONS);
    /** A site's rolling realised accuracy crossing a limit, or back within it (key: siteId, value: DriftAlarm). */
    public static final TopicSpec MODEL_DRIFT = TopicSpec.deleted("models.drift", 1);
    /** Written only by {@code ./reescreen rescore}: history re-scored with another model, beside the live predictions. */
    public static final TopicSpec REE_PREDICTIONS_RESCORED = TopicSpec.deleted("ree.predictions.rescored", LOT_PARTITIONS);

    /**
     * {@code ./reescreen dlq replay}'s ledger: one marker per dead letter it re-admitted (key: the dead letter's
     * {@code topic/partition/offset}), written in the same transaction as the re-admitted record, so a dead letter is
     * re-admitted at most once however often the command runs or is killed. Compacted: one marker per key, kept.
     */
    public static final TopicSpec DLQ_REPLAYS = TopicSpec.compacted("dlq.replays", 1);

    /** Every topic the system needs, in data-flow order. */
    public static final List<TopicSpec> ALL = List.of(
            XRF_READINGS, XRF_READINGS_DLQ, LOTS, LOTS_DLQ, LOT_COMPOSITIONS, REE_PREDICTIONS, REE_ALERTS, ALERT_ACKS,
            MODEL_RELEASES, MODEL_SERVED, MODEL_RELEASES_DLQ, LAB_RESULTS, LAB_RESULTS_DLQ, LAB_RESULTS_HELD,
            TRAINING_EXAMPLES, MODEL_ATTEMPTS, MODEL_PERFORMANCE, MODEL_DRIFT, REE_PREDICTIONS_RESCORED, DLQ_REPLAYS);

    private Topics() {
    }
}
