package io.reescreen.screener.lotinfo;

/**
 * Why a lots record went to lots.dlq. The names are a contract: they travel in the {@code reescreen.dlq.reason}
 * header, as {@link io.reescreen.screener.deadletter.DlqReason}'s do on xrf.readings.dlq.
 */
public enum LotDlqReason {
    /** The value bytes are not Avro in the registry's framing, or not a record this build can read. */
    UNDECODABLE,
    /** The value decodes, but to another record type (e.g. a LabResult under its own schema id). */
    WRONG_TYPE,
    /** lotId or siteId is blank. */
    MISSING_ID,
    /** An id or name (key, lotId, siteId, basin, boilerType) above {@link io.reescreen.schemas.Identifiers#MAX_BYTES}. */
    ID_TOO_LONG,
    /** The record has no key, or its key is not the LotInfo's lotId. */
    LOT_KEY_MISMATCH,
    /** A control character in an id or name. */
    INVALID_VALUE,
    /** updatedAt is before {@link LotInfoValidator#EARLIEST_UPDATED_AT} or later than the record time / wall clock
     *  allows. */
    INVALID_TIMESTAMP,
    /** updatedAt is older than that of the metadata the screener holds for the lot, which it keeps. */
    STALE,
    /** The record is too large to be screened (see {@code LotPartitionGate}). */
    TOO_LARGE,
    /** An unexpected failure while screening this record; kept so that nothing is lost. */
    PROCESSING_ERROR
}
