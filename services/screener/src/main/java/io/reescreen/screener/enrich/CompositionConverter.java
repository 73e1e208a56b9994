package io.reescreen.screener.enrich;

import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.XrfReading;
import io.reescreen.model.units.AnalyteUnit;
import io.reescreen.model.units.AshBasis;
import io.reescreen.model.units.CompositionException;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.OxideWtPct;
import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReadingPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * XrfReading → the model's representation, through the model library's converters (whole-coal → ash basis,
 * element ppm → oxide wt %, by-difference and below-detection handling, wt % → mol % with uncertainty). What is done
 * here is reading the schema's fields into the library's types; no unit changes in this class.
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

    /** What puts the reading's values on the ash: nothing for an ash reading, its ash yield for a whole-coal one. */
    public static AshBasis ashBasis(XrfReading reading) {
        if (reading.getMaterialBasis() == MaterialBasis.WHOLE_COAL) {
            return AshBasis.wholeCoal(reading.getAshYieldWtPct());
        }
        return AshBasis.ash();
    }

    /** The unit of the reading's analytes: element ppm for ELEMENT_PPM, oxide wt % otherwise. */
    public static AnalyteUnit analyteUnit(CompositionBasis basis) {
        return basis == CompositionBasis.ELEMENT_PPM ? AnalyteUnit.ELEMENT_PPM : AnalyteUnit.OXIDE_WT_PCT;
    }

    /** A major oxide's value as oxide wt % of the ash. */
    public static double oxideWtPct(CompositionBasis basis, MajorOxide oxide, double valueInBasisUnit, AshBasis ash) {
        return analyteUnit(basis).majorOxideWtPct(oxide, ash.onAsh(valueInBasisUnit));
    }

    /**
     * The reading's major oxides as the library's raw reading (ash basis). Analytes that are not major oxides are
     * left out; an analyte with no value that is not flagged below detection counts as not reported.
     */
    public static OxideWtPctReading toOxideReading(XrfReading reading) {
        CompositionBasis basis = reading.getBasis();
        AshBasis ash = ashBasis(reading);
        OxideWtPctReading.Builder builder = OxideWtPctReading.builder();
        for (AnalyteReading a : reading.getAnalytes()) {
            Optional<MajorOxide> major = majorOxide(basis, a.getAnalyte());
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
