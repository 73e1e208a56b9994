package io.reescreen.screener.predict;

/** The unit of the screening threshold on total REE. The model itself always works in {@link #PPM_MOL}. */
public enum ThresholdUnit {
    /** ppm by mole of the 16 REE oxides in the ash (the paper's unit; its median, 157, is the default). */
    PPM_MOL,
    /**
     * mg of the 16 REE elements per kg of ash (e.g. the US DOE's 300 ppm). Converted per lot: the lot's own
     * composition and predicted REE pattern give the factor, so this costs a second model call per update.
     */
    ELEMENT_PPM_MASS
}
