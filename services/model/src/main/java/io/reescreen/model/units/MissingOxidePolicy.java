package io.reescreen.model.units;

/**
 * What to do when a major oxide is absent from a reading. There is deliberately no "renormalise over what was
 * measured" option: reject-ash data without SiO2 would then double Al2O3 (ARCHITECTURE.md).
 */
public enum MissingOxidePolicy {
    /** Any missing major oxide rejects the reading. */
    REJECT,
    /** Exactly one missing oxide, the configured one (typically SiO2), is taken as 100 − Σ(rest) in wt%. */
    BY_DIFFERENCE
}
