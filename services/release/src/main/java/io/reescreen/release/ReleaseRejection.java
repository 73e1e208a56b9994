package io.reescreen.release;

/** Why a model release was refused; the model in force keeps serving. */
public enum ReleaseRejection {
    /** The record value could not be read as a ModelRelease (null values are withdrawals, not rejections). */
    UNDECODABLE_RELEASE,
    /** The record key is not the release's modelName. */
    KEY_MISMATCH,
    /** action is UNKNOWN (a symbol from a newer schema this screener does not understand). */
    UNKNOWN_ACTION,
    /** version is blank. */
    MISSING_VERSION,
    /** version or modelName is longer than an identifier may be ({@code Identifiers.MAX_BYTES} UTF-8 bytes). */
    ID_TOO_LONG,
    /** artifactFormatVersion is not a format this build reads. */
    UNSUPPORTED_FORMAT,
    /** SHA-256 of the artifact bytes differs from artifactSha256. */
    CHECKSUM_MISMATCH,
    /** The artifact bytes are corrupt, truncated or of an unknown layout. */
    UNDECODABLE_ARTIFACT,
    /** The release's feature list differs from the artifact's. */
    FEATURES_MISMATCH,
    /** The artifact decodes but does not load as a 17-output screening model, or its smoke test fails. */
    INCOMPATIBLE_MODEL,
    /** The version in force already names a different artifact: one version string, one artifact. */
    VERSION_CONFLICT
}
