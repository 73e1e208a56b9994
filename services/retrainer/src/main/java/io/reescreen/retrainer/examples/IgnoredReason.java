package io.reescreen.retrainer.examples;

/**
 * Why the retrainer passed over a record on lots, lot.compositions or ree.predictions. Those topics' dead letters are the screener's
 * (it owns them); the retrainer only counts and logs what it cannot use, and goes on.
 */
public enum IgnoredReason {
    /** Not a registry-framed Avro record of any schema the registry knows (garbage, JSON, a wrong magic byte). */
    UNDECODABLE,
    /** A record of another type (e.g. a LabResult under its own schema id on lots). */
    WRONG_TYPE,
    /** No key, or no lot id in the value. */
    MISSING_ID,
    /** An id or name longer than {@link io.reescreen.schemas.Identifiers#MAX_BYTES} UTF-8 bytes. */
    INVALID_ID,
    /** The record key is not the lot id in the value. */
    LOT_KEY_MISMATCH,
    /** A record too large to be copied onto its lot's partition (see {@link LotPartitioning}). */
    OVERSIZE,
    /** A composition that is not the ten major oxides, or a prediction without a finite total-REE estimate. */
    INVALID_COMPOSITION,
    /** Lot metadata older (updatedAt) than the metadata held for the lot, which is kept, as the screener keeps it. */
    STALE
}
