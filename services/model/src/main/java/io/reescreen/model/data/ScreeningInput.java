package io.reescreen.model.data;

import io.reescreen.model.units.OxideMolPct;
import java.util.Objects;
import java.util.Optional;

/**
 * A sample as the model takes it: the ten majors in mol % (their provenance says which oxide was taken by
 * difference), and the lab's targets when the file has them, to score against.
 */
public record ScreeningInput(String sampleId, OxideMolPct oxides, Optional<ReeTargetsPpmMol> lab) {

    public ScreeningInput {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(oxides, "oxides");
        Objects.requireNonNull(lab, "lab");
    }
}
