package io.reescreen.model.data;

import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReadingPolicy;

import java.util.List;

/**
 * A reject-ash sample in the model's representation, under the same reading policy as the stream: the wt % reading
 * completed by {@link ReadingPolicy} (SiO2 by difference, below-detection substitution) and converted to mol %, the
 * lab's element ppm turned into the paper's ppm mol in that ash. Every unit change is the units package's.
 */
final class RejectAshLabels {

    private RejectAshLabels() {
    }

    /**
     * @throws io.reescreen.model.units.CompositionException when {@code policy} refuses the reading
     * @throws IllegalArgumentException                      when the REE total is not positive
     */
    static LabelledSample labelled(RejectAshSample sample, ReadingPolicy policy) {
        OxideMolPct oxides = sample.majors().resolve(policy).toMolPct();
        return new LabelledSample(sample.sampleId(), oxides,
                ReeTargetsPpmMol.summing(sample.ree().toOxidePpmMol(oxides)), SampleOrigin.MEASURED);
    }

    /** What the dataset says about how it was made, carried with it like a project CSV's comment lines. */
    static List<String> notes(ReadingPolicy policy) {
        return List.of("oxide wt % of ash (four-acid digestion) read with " + policy.missingOxides() + " for "
                + policy.byDifferenceOxide() + ", below detection " + policy.belowDetection()
                + "; REE element ppm of ash converted to ppm mol in that ash");
    }
}
