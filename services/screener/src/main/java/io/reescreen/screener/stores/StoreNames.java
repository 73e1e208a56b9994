package io.reescreen.screener.stores;

/**
 * The topology's state stores. Names are part of the deployment: they name changelog topics
 * ({@code <application.id>-<store>-changelog}) and the stores the REST layer queries.
 */
public final class StoreNames {

    /** lotId → the lot's newest LotInfo (timestamped), kept by {@code LotInfoScreen} from the lots topic; changelogged.
     *  Queryable. */
    public static final String LOT_INFO = "lot-info";

    /** lotId → {@code lot.LotAggregate}, the running per-lot composition. Queryable:
     *  {@code LotAggregate#toLotComposition} gives what lot.compositions carries. */
    public static final String LOT_AGGREGATES = "lot-aggregates";

    /** lotId + U+0000 + readingId → sampledAt (ms): each reading counts once. Internal. */
    public static final String LOT_READING_IDS = "lot-reading-ids";

    /** lotId → the lot's latest ReePrediction. Queryable. */
    public static final String LOT_PREDICTIONS = "lot-predictions";

    /** lotId → (LotAggregate, timestamp of its latest update) not yet scored; only with a positive prediction
     *  interval. Internal. */
    public static final String LOT_PENDING_PREDICTIONS = "lot-pending-predictions";

    /** lotId → {@code alert.LotVerdict}, the alert state. Queryable. */
    public static final String LOT_VERDICTS = "lot-verdicts";

    /** modelName → the latest accepted ModelRelease, from models.served (global: every instance holds every model
     *  name). Queryable. */
    public static final String MODEL_RELEASES = "model-releases";

    /** modelName → the version and artifact SHA-256 the release gate last accepted (changelogged). Internal. */
    public static final String RELEASE_GATE = "release-gate";

    private StoreNames() {
    }
}
