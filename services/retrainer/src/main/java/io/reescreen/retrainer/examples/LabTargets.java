package io.reescreen.retrainer.examples;

import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.units.AshBasis;
import io.reescreen.model.units.Element;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeContentUnit;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;
import io.reescreen.schemas.LabReeValue;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.MaterialBasis;
import java.util.EnumMap;
import java.util.Map;

/**
 * A lab result in the model's target units: ppm by mole of each REE oxide in the ash, and their sum. The lab's own
 * unit (element mg/kg, oxide mg/kg or oxide ppm mol) and basis (ash or whole coal) are converted by the model
 * library; the mole fraction needs the ash's mean molar mass, which comes from the lot's composition.
 *
 * <p>Below detection: a value reported with the flag is taken as the detection limit and half of it is used (the
 * screener's LOD/2 policy for majors); a flag without a value counts as zero.
 */
public final class LabTargets {

    private LabTargets() {
    }

    /** Checks what does not need the composition; the join runs this as the result arrives. */
    public static void check(LabResult lab) throws LabResultRejected {
        if (lab.getMaterialBasis() == MaterialBasis.UNKNOWN) {
            throw new LabResultRejected(LabDlqReason.UNKNOWN_UNIT, "material basis UNKNOWN");
        }
        if (lab.getMaterialBasis() == MaterialBasis.WHOLE_COAL) {
            Double ash = lab.getAshYieldWtPct();
            if (ash == null) {
                throw new LabResultRejected(LabDlqReason.MISSING_ASH_YIELD,
                        "a WHOLE_COAL result needs ashYieldWtPct to be put on an ash basis");
            }
            if (!(ash > 0 && ash <= 100)) {
                throw new LabResultRejected(LabDlqReason.INVALID_VALUE, "ashYieldWtPct must be in (0, 100], got " + ash);
            }
        }
        Map<Element, LabReeValue> byElement = byElement(lab);
        for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
            if (!byElement.containsKey(oxide.element())) {
                throw new LabResultRejected(LabDlqReason.MISSING_ELEMENT, oxide.element().symbol() + " not reported");
            }
        }
        checkPhysical(lab, byElement);
    }

    /**
     * Unit: parts per million of the sample, whichever the lab's unit (mg/kg of element or of oxide, or ppm mol of
     * oxide): a million is the whole sample. No element can be more than that, nor can the 16 together.
     */
    static final double WHOLE_SAMPLE_PPM = 1_000_000;

    /**
     * Decodable but impossible values (La at 1e12 mg/kg, REE adding up to 1.5 times the sample) would be joined as
     * training examples and poison every later challenger; they are dead-lettered here instead. The sum is taken on
     * the ash basis (whole-coal values times 100 / ash yield), since that is what the example holds; mass and mole
     * parts per million are added alike, a loose bound on a result that mixes units (real ones never do).
     */
    private static void checkPhysical(LabResult lab, Map<Element, LabReeValue> byElement) throws LabResultRejected {
        AshBasis toAsh = ashBasis(lab);
        double sumPpm = 0;
        for (LabReeValue v : byElement.values()) {
            double used = value(v);
            if (v.getValueInUnit() != null && v.getValueInUnit() > WHOLE_SAMPLE_PPM) {
                throw new LabResultRejected(LabDlqReason.IMPLAUSIBLE_VALUE, v.getElement() + " is " + v.getValueInUnit()
                        + " " + v.getUnit() + "; no element can be more than the whole sample (1,000,000)");
            }
            if (v.getSigma1InUnit() != null && v.getSigma1InUnit() > WHOLE_SAMPLE_PPM) {
                throw new LabResultRejected(LabDlqReason.IMPLAUSIBLE_VALUE, v.getElement() + " sigma is "
                        + v.getSigma1InUnit() + " " + v.getUnit() + ", more than the whole sample (1,000,000)");
            }
            sumPpm += toAsh.onAsh(used);
        }
        if (sumPpm > WHOLE_SAMPLE_PPM) {
            throw new LabResultRejected(LabDlqReason.IMPLAUSIBLE_VALUE, String.format(java.util.Locale.ROOT,
                    "the rare earths add up to %.0f parts per million of the ash, more than the whole sample (1,000,000)",
                    sumPpm));
        }
    }

    /** The 16 oxides and their total in ppm mol, in an ash of the lot's composition. */
    public static ReeTargetsPpmMol of(LabResult lab, LotComposition composition) throws LabResultRejected {
        check(lab);
        OxideMolPct ash = LotMolPct.of(composition.getOxides());
        AshBasis toAsh = ashBasis(lab);
        Map<Element, LabReeValue> byElement = byElement(lab);
        Map<ReeOxide, Double> ppmMol = new EnumMap<>(ReeOxide.class);
        for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
            LabReeValue v = byElement.get(oxide.element());
            double value = toAsh.onAsh(value(v));
            ReeContentUnit unit = SchemaEnums.contentUnit(v.getUnit()).orElseThrow(() -> new LabResultRejected(
                    LabDlqReason.UNKNOWN_UNIT, oxide.element().symbol() + " has unit " + v.getUnit()));
            ppmMol.put(oxide, unit.toOxidePpmMol(oxide, value, ash));
        }
        return ReeTargetsPpmMol.summing(ReeOxidePpmMol.of(ppmMol));
    }

    private static double value(LabReeValue v) throws LabResultRejected {
        Double value = v.getValueInUnit();
        Double sigma = v.getSigma1InUnit();
        if (value != null && (!Double.isFinite(value) || value < 0)) {
            throw new LabResultRejected(LabDlqReason.INVALID_VALUE, v.getElement() + " value " + value);
        }
        if (sigma != null && (!Double.isFinite(sigma) || sigma < 0)) {
            throw new LabResultRejected(LabDlqReason.INVALID_VALUE, v.getElement() + " sigma " + sigma);
        }
        if (value == null && !v.getBelowDetection()) {
            throw new LabResultRejected(LabDlqReason.INVALID_VALUE, v.getElement() + " has no value and no below-detection flag");
        }
        if (v.getBelowDetection()) {
            return value == null ? 0.0 : value / 2;
        }
        return value;
    }

    private static Map<Element, LabReeValue> byElement(LabResult lab) throws LabResultRejected {
        Map<Element, LabReeValue> out = new EnumMap<>(Element.class);
        for (LabReeValue v : lab.getValues()) {
            Element element = SchemaEnums.element(v.getElement());
            if (out.put(element, v) != null) {
                throw new LabResultRejected(LabDlqReason.DUPLICATE_ELEMENT, element.symbol() + " reported twice");
            }
        }
        return out;
    }

    /** What puts the lab's values on the ash: nothing for an ash result, the ash yield for a whole-coal one. */
    private static AshBasis ashBasis(LabResult lab) {
        return lab.getMaterialBasis() == MaterialBasis.WHOLE_COAL ? AshBasis.wholeCoal(lab.getAshYieldWtPct())
                : AshBasis.ash();
    }
}
