package io.reescreen.screener.deadletter;

/**
 * Why a reading went to xrf.readings.dlq. The names are a contract: they travel in the
 * {@code reescreen.dlq.reason} header and the simulator's bad-input injection expects them.
 */
public enum DlqReason {
    /** The value bytes are not an XrfReading (or the value is null): not Confluent-framed Avro, an unknown schema
     *  id, another record type, truncated, trailing bytes, invalid UTF-8; the detail says which. */
    UNDECODABLE,
    /** readingId, lotId or analyzerId is blank. */
    MISSING_ID,
    /** readingId, lotId or analyzerId is longer than {@code Identifiers.MAX_BYTES} (256) UTF-8 bytes. */
    ID_TOO_LONG,
    /** readingId, lotId or analyzerId contains a control character (U+0000..U+001F, U+007F..U+009F). */
    INVALID_ID,
    /** The record key is not the reading's lotId: the lot would be aggregated on the wrong partition. */
    LOT_KEY_MISMATCH,
    /** basis or materialBasis UNKNOWN, or an analyte name that is not of the basis (an element in an oxide reading). */
    UNKNOWN_BASIS,
    /** A negative, NaN or infinite value, sigma, detection limit, LOI or ash yield; an analyte given twice; a
     *  below-detection result without a limit. */
    INVALID_VALUE,
    /** A WHOLE_COAL reading without ashYieldWtPct. */
    MISSING_ASH_YIELD,
    /** sampledAt is later than the record timestamp / wall clock, or the record timestamp later than the wall clock,
     *  by more than the allowed skew. */
    FUTURE_TIMESTAMP,
    /** sampledAt or the record timestamp is before the earliest accepted instant (default 2000-01-01T00:00:00Z). */
    EARLY_TIMESTAMP,
    /** No LotInfo for the lot while the settings require lot metadata. */
    UNKNOWN_LOT,
    /** A model feature oxide, or a major oxide the missing-oxide policy cannot fill, is absent. */
    MISSING_ANALYTE,
    /** A major oxide is below detection and the below-detection policy rejects it. */
    BELOW_DETECTION,
    /** The oxide wt % total (LOI included where it helps) is outside the plausible range. */
    IMPLAUSIBLE_TOTAL,
    /** The record is too large to be screened: above what the screener can copy onto its lot's partition
     *  ({@code LotPartitionGate#MAX_COPIED_RECORD_BYTES}, about 1 MB); no genuine reading comes near it. */
    TOO_LARGE,
    /** The schema registry could not be reached (connection refused, timeout, 5xx) for a schema id this process had
     *  not seen yet, within the decoder's retry budget: says nothing about the reading. Re-admit it with
     *  {@code ./reescreen dlq replay --reason REGISTRY_UNAVAILABLE} once the registry is back. */
    REGISTRY_UNAVAILABLE,
    /** An unexpected failure while screening this reading; kept so that nothing is lost. */
    PROCESSING_ERROR
}
