package io.reescreen.retrainer.examples;

/** Why a lab result went to lab.results.dlq instead of becoming a training example. */
public enum LabDlqReason {
    /** The bytes are not a registry-framed Avro record of any schema the registry knows. */
    UNDECODABLE,
    /** A record with no value: lab results are facts and are never deleted. */
    TOMBSTONE,
    /** The value is larger than a lab result can be ({@link LabResultJoiner#MAX_LAB_RESULT_BYTES}). */
    OVERSIZE,
    /** A record of another type under its own schema id (a LotInfo, say), not a LabResult. */
    WRONG_TYPE,
    /** No labResultId or lotId. */
    MISSING_ID,
    /** An id (labResultId, lotId, labId) longer than {@link io.reescreen.schemas.Identifiers#MAX_BYTES} UTF-8 bytes. */
    INVALID_ID,
    /** The record key is not the lot id in the value (it would sit on another lot's partition). */
    LOT_KEY_MISMATCH,
    /** No lot of this id on the lots topic. */
    UNKNOWN_LOT,
    /** One of the 16 rare-earth elements is not reported (a below-detection flag counts as reported). */
    MISSING_ELEMENT,
    /** The same element reported twice. */
    DUPLICATE_ELEMENT,
    /** A value or sigma that is negative, NaN or infinite. */
    INVALID_VALUE,
    /**
     * A value no sample can have: one element above the whole sample (1,000,000 mg/kg or ppm mol), or the 16 adding up
     * to more than the sample's mass.
     */
    IMPLAUSIBLE_VALUE,
    /** A concentration unit of UNKNOWN, or a material basis of UNKNOWN. */
    UNKNOWN_UNIT,
    /** A whole-coal result without the ash yield needed to put it on an ash basis. */
    MISSING_ASH_YIELD,
    /** The lot's composition never reached the minimum number of readings within the wait allowed. */
    NO_COMPOSITION,
    /** Anything else that went wrong with this one record; the stream goes on. */
    PROCESSING_ERROR
}
