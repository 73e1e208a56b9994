package io.reescreen.screener.enrich;

import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.XrfReading;
import io.reescreen.model.units.CompositionException;
import io.reescreen.model.units.MajorElementUnits;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.OxideWtPct;
import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReadingPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * XrfReading → the model's representation, through the model library's converters (element ppm → oxide wt %,
 * by-difference and below-detection handling, wt % → mol % with uncertainty). The one conversion done here is
 * whole-coal → ash basis, a plain scaling by 100 / ash yield the library does not offer; mol % does not depend on it,
 * but the wt % totals, by-difference values and detection limits do.
 *
 * <p>Call only on readings the validator accepted: names, values and ash yield are assumed checked.
 */
public final class CompositionConverter {

    private static final Map<String, MajorOxide> BY_FORMULA = new HashMap<>();
    private static final Map<String, MajorOxide> BY_CATION = new HashMap<>();

    static {
        for (MajorOxide o : MajorOxide.values()) {
            BY_FORMULA.put(o.formula(), o);
            BY_CATION.put(o.cation().symbol(), o);
        }
    }

    private CompositionConverter() {
    }

    /** The major oxide an analyte name stands for in {@code basis}: "Al2O3" in OXIDE_WT_PCT, "Al" in ELEMENT_PPM. */
    public static Optional<MajorOxide> majorOxide(CompositionBasis basis, String analyte) {
        return Optional.ofNullable(switch (basis) {
            case OXIDE_WT_PCT -> BY_FORMULA.get(analyte);
            case ELEMENT_PPM -> BY_CATION.get(analyte);
            default -> null;
        });
    }

    /** 1 for an ash reading; 100 / ash yield for a whole-coal one (what multiplies a value to put it on ash basis). */
    public static double ashBasisFactor(XrfReading reading) {
        if (reading.getMaterialBasis() == MaterialBasis.WHOLE_COAL) {
            return 100.0 / reading.getAshYieldWtPct();
        }
        return 1.0;
    }

    /** A major oxide's value as oxide wt % of the ash. */
    public static double oxideWtPct(CompositionBasis basis, MajorOxide oxide, double valueInBasisUnit, double ashFactor) {
        double onAsh = valueInBasisUnit * ashFactor;
        return basis == CompositionBasis.ELEMENT_PPM ? MajorElementUnits.oxideWtPctFromElementPpm(oxide, onAsh) : onAsh;
    }

    /**
     * The reading's major oxides as the library's raw reading (ash basis). Analytes that are not major oxides are
     * left out; an analyte with no value that is not flagged below detection counts as not reported.
     */
    public static OxideWtPctReading toOxideReading(XrfReading reading) {
        CompositionBasis basis = reading.getBasis();
        double factor = ashBasisFactor(reading);
        OxideWtPctReading.Builder builder = OxideWtPctReading.builder();
        for (AnalyteReading a : reading.getAnalytes()) {
            Optional<MajorOxide> major = majorOxide(basis, a.getAnalyte());
            if (major.isEmpty()) {
                continue;
            }
            MajorOxide oxide = major.get();
            if (a.getBelowDetection()) {
                double limit = (a.getDetectionLimitInBasisUnit() != null ? a.getDetectionLimitInBasisUnit()
                        : a.getValueInBasisUnit()) * factor;
                if (basis == CompositionBasis.ELEMENT_PPM) {
                    builder.belowDetectionAsElementPpm(oxide, limit);
                } else {
                    builder.belowDetection(oxide, limit);
                }
            } else if (a.getValueInBasisUnit() != null) {
                double value = a.getValueInBasisUnit() * factor;
                Double sigma = a.getSigma1InBasisUnit();
                if (basis == CompositionBasis.ELEMENT_PPM) {
                    if (sigma != null) {
                        builder.measuredAsElementPpm(oxide, value, sigma * factor);
                    } else {
                        builder.measured(oxide, MajorElementUnits.oxideWtPctFromElementPpm(oxide, value));
                    }
                } else if (sigma != null) {
                    builder.measured(oxide, value, sigma * factor);
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
