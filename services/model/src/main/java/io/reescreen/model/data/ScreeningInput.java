package io.reescreen.model.data;

import io.reescreen.model.units.OxideMolPct;
import java.util.Objects;
import java.util.Optional;

/**
 * A sample as the model takes it: the ten majors in mol % (their provenance says which oxide was taken by
 * difference), the lab's targets when the file has them, to score against, and where the sample came from (a
 * synthetic sample stays synthetic when it is scored).
 */
public record ScreeningInput(String sampleId, OxideMolPct oxides, Optional<ReeTargetsPpmMol> lab, SampleOrigin origin) {

    public ScreeningInput {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(oxides, "oxides");
        Objects.requireNonNull(lab, "lab");
        Objects.requireNonNull(origin, "origin");
    }

    /** A measured sample: what an instrument's oxide table holds. */
    public ScreeningInput(String sampleId, OxideMolPct oxides, Optional<ReeTargetsPpmMol> lab) {
        this(sampleId, oxides, lab, SampleOrigin.MEASURED);
    }
}
