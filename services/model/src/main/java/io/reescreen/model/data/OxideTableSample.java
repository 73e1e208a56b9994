package io.reescreen.model.data;

import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReeElementPpm;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of an instrument's oxide table, in the units it was reported in: the oxides in wt % of ash (the ones not
 * reported are absent, for the reading policy to decide on), and, when the table has them, the lab's 16 rare earths
 * in element ppm of ash.
 *
 * @param lineNumber 1-based line of the row in its file
 */
public record OxideTableSample(String sampleId, int lineNumber, OxideWtPctReading majors, Optional<ReeElementPpm> labRee) {

    public OxideTableSample {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(majors, "majors");
        Objects.requireNonNull(labRee, "labRee");
    }
}
