package io.reescreen.screener.decode;

import io.reescreen.model.units.AnalyteUnit;
import io.reescreen.model.units.AshBasis;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.XrfReading;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a decoded reading's fields mean in the model library's terms: which major oxide an analyte name stands for in
 * the reading's basis, the unit of its values, what puts them on the ash. Validation checks and enrichment converts
 * through these, so both read a reading alike; no unit changes here (the library's {@link AnalyteUnit} and
 * {@link AshBasis} do that).
 */
public final class ReadingUnits {

    private static final Map<String, MajorOxide> BY_FORMULA = new HashMap<>();
    private static final Map<String, MajorOxide> BY_CATION = new HashMap<>();

    static {
        for (MajorOxide o : MajorOxide.values()) {
            BY_FORMULA.put(o.formula(), o);
            BY_CATION.put(o.cation().symbol(), o);
        }
    }

    private ReadingUnits() {
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
}
