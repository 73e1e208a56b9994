package io.reescreen.screener.enrich;

import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.XrfReading;
import io.reescreen.model.units.AshBasis;
import io.reescreen.model.units.CompositionException;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.OxideWtPct;
import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReadingPolicy;
import io.reescreen.screener.decode.ReadingUnits;
import java.util.Optional;

/**
 * XrfReading → the model's representation, through the model library's converters (whole-coal → ash basis,
 * element ppm → oxide wt %, by-difference and below-detection handling, wt % → mol % with uncertainty). What is done
 * here is reading the schema's fields into the library's types; no unit changes in this class.
 *
 * <p>Call only on readings the validator accepted: names, values and ash yield are assumed checked. The reading's
 * fields are read in the library's terms by {@link ReadingUnits}, as the validator reads them.
 */
public final class CompositionConverter {

    private CompositionConverter() {
    }

    /**
     * The reading's major oxides as the library's raw reading (ash basis). Analytes that are not major oxides are
     * left out; an analyte with no value that is not flagged below detection counts as not reported.
     */
    public static OxideWtPctReading toOxideReading(XrfReading reading) {
        CompositionBasis basis = reading.getBasis();
        AshBasis ash = ReadingUnits.ashBasis(reading);
        OxideWtPctReading.Builder builder = OxideWtPctReading.builder();
        for (AnalyteReading a : reading.getAnalytes()) {
            Optional<MajorOxide> major = ReadingUnits.majorOxide(basis, a.getAnalyte());
            if (major.isEmpty()) {
                continue;
            }
            MajorOxide oxide = major.get();
            if (a.getBelowDetection()) {
                double limit = ash.onAsh(a.getDetectionLimitInBasisUnit() != null ? a.getDetectionLimitInBasisUnit()
                        : a.getValueInBasisUnit());
                if (basis == CompositionBasis.ELEMENT_PPM) {
                    builder.belowDetectionAsElementPpm(oxide, limit);
                } else {
                    builder.belowDetection(oxide, limit);
                }
            } else if (a.getValueInBasisUnit() != null) {
                double value = ash.onAsh(a.getValueInBasisUnit());
                Double sigma = a.getSigma1InBasisUnit();
                if (basis == CompositionBasis.ELEMENT_PPM) {
                    if (sigma != null) {
                        builder.measuredAsElementPpm(oxide, value, ash.onAsh(sigma));
                    } else {
                        builder.measuredAsElementPpm(oxide, value);
                    }
                } else if (sigma != null) {
                    builder.measured(oxide, value, ash.onAsh(sigma));
                } else {
                    builder.measured(oxide, value);
                }
            }
        }
        return builder.build();
    }

    /**
     * Completes the reading under {@code policy} and converts it to mol % over the ten major oxides, per-oxide sigma
     * propagated (correlations from closure and by-difference are dropped here: the aggregate weights oxide by oxide).
     *
     * @throws CompositionException when the policy refuses the reading
     */
    public static ShotComposition toShot(OxideWtPctReading reading, ReadingPolicy policy) {
        OxideWtPct wt = reading.resolve(policy);
        OxideMolPct mol = wt.toMolPct();
        double[] sigma = null;
        if (mol.hasUncertainty()) {
            sigma = new double[MajorOxide.COUNT];
            for (MajorOxide o : MajorOxide.values()) {
                sigma[o.ordinal()] = mol.sigmaMolPct(o);
            }
        }
        return new ShotComposition(mol.toArrayMolPct(), sigma, mol.provenance().byDifference().orElse(null),
                mol.provenance().belowDetection());
    }
}
