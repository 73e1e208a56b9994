package io.reescreen.simulator;

import io.reescreen.model.units.MajorElementUnits;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.CompositionBasis;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One XRF analyzer as the yard runs it: what it reports, in which unit, how precisely and down to which limit.
 *
 * @param analyzerId                   published as {@code XrfReading.analyzerId}
 * @param calibrationId                published as {@code XrfReading.calibrationId}
 * @param basis                        {@link CompositionBasis#OXIDE_WT_PCT} (analytes named SiO2, Al2O3, ...; wt % of
 *                                     the oxide) or {@link CompositionBasis#ELEMENT_PPM} (analytes named Si, Al, ...;
 *                                     mg/kg of the element)
 * @param relativeSigma                the instrument's 1σ as a fraction of the value (0.03 = 3 %); XRF is 1–5 %
 * @param detectionLimitsInBasisUnit   limit of detection of every analyte it reports, in {@code basis}'s unit;
 *                                     by convention 3σ of a blank, which is also used as the absolute noise floor
 * @param reportsSiO2                  false for analyzers that do not report SiO2 (Si) at all; the screener then
 *                                     takes it by difference
 */
public record AnalyzerProfile(String analyzerId, String calibrationId, CompositionBasis basis, double relativeSigma,
                              Map<MajorOxide, Double> detectionLimitsInBasisUnit, boolean reportsSiO2) {

    /** Noise beyond this is not an XRF analyzer; 0 leaves only the counting floor of LOD/3. */
    public static final double MAX_RELATIVE_SIGMA = 0.20;

    public AnalyzerProfile {
        Objects.requireNonNull(analyzerId, "analyzerId");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(detectionLimitsInBasisUnit, "detectionLimitsInBasisUnit");
        if (analyzerId.isBlank()) {
            throw new IllegalArgumentException("analyzerId must not be blank");
        }
        if (basis == CompositionBasis.UNKNOWN) {
            throw new IllegalArgumentException(analyzerId + ": an analyzer reports in a known basis"
                    + " (UNKNOWN_BASIS readings are made by bad-input injection)");
        }
        if (!(relativeSigma >= 0 && relativeSigma <= MAX_RELATIVE_SIGMA)) {
            throw new IllegalArgumentException(analyzerId + ": relativeSigma must be in [0, " + MAX_RELATIVE_SIGMA
                    + "], got " + relativeSigma);
        }
        EnumMap<MajorOxide, Double> limits = new EnumMap<>(MajorOxide.class);
        limits.putAll(detectionLimitsInBasisUnit);
        for (MajorOxide oxide : MajorOxide.PAPER_ORDER) {
            if (oxide == MajorOxide.SIO2 && !reportsSiO2) {
                limits.remove(oxide);
                continue;
            }
            Double limit = limits.get(oxide);
            if (limit == null || !(limit > 0) || !Double.isFinite(limit)) {
                throw new IllegalArgumentException(analyzerId + ": needs a positive detection limit for "
                        + oxide + ", got " + limit);
            }
        }
        detectionLimitsInBasisUnit = Collections.unmodifiableMap(limits);
    }

    /** The oxides this analyzer reports, in the paper's order. */
    public List<MajorOxide> reportedOxides() {
        return MajorOxide.PAPER_ORDER.stream().filter(o -> o != MajorOxide.SIO2 || reportsSiO2).toList();
    }

    /** How the analyte is named in a reading: the oxide formula for wt %, the element symbol for ppm. */
    public String analyteName(MajorOxide oxide) {
        return basis == CompositionBasis.ELEMENT_PPM ? oxide.cation().symbol() : oxide.formula();
    }

    /** The limit of detection of {@code oxide}'s analyte, in the basis unit. */
    public double detectionLimitInBasisUnit(MajorOxide oxide) {
        Double limit = detectionLimitsInBasisUnit.get(oxide);
        if (limit == null) {
            throw new IllegalArgumentException(analyzerId + " does not report " + oxide);
        }
        return limit;
    }

    /** An oxide's wt % expressed in this analyzer's basis unit (wt % of the oxide, or mg/kg of its element). */
    public double toBasisUnit(MajorOxide oxide, double oxideWtPct) {
        return basis == CompositionBasis.ELEMENT_PPM
                ? MajorElementUnits.elementPpmFromOxideWtPct(oxide, oxideWtPct) : oxideWtPct;
    }

    /** A value in this analyzer's basis unit back to wt % of the oxide. */
    public double toOxideWtPct(MajorOxide oxide, double valueInBasisUnit) {
        return basis == CompositionBasis.ELEMENT_PPM
                ? MajorElementUnits.oxideWtPctFromElementPpm(oxide, valueInBasisUnit) : valueInBasisUnit;
    }

    /** The same analyzer with another precision (for noise studies). */
    public AnalyzerProfile withRelativeSigma(double sigma) {
        return new AnalyzerProfile(analyzerId, calibrationId, basis, sigma, detectionLimitsInBasisUnit, reportsSiO2);
    }

    /** The same analyzer with another detection limit for one oxide. */
    public AnalyzerProfile withDetectionLimit(MajorOxide oxide, double limitInBasisUnit) {
        EnumMap<MajorOxide, Double> limits = new EnumMap<>(MajorOxide.class);
        limits.putAll(detectionLimitsInBasisUnit);
        limits.put(oxide, limitInBasisUnit);
        return new AnalyzerProfile(analyzerId, calibrationId, basis, relativeSigma, limits, reportsSiO2);
    }

    // Presets. Detection limits are typical orders of magnitude for ash matrices: light elements (Na, Mg) are hard
    // for XRF, above all for handhelds in air, so Na2O and MgO are the analytes most often "<LOD".

    /** A handheld ED-XRF reporting oxide wt %, 3 % precision. */
    public static AnalyzerProfile handheldOxide(String analyzerId) {
        return new AnalyzerProfile(analyzerId, "CAL-" + analyzerId + "-ash-oxides", CompositionBasis.OXIDE_WT_PCT,
                0.03, wtPctLimits(0.10, 0.10, 0.02, 0.02, 0.50, 0.80, 0.02, 0.02, 0.05, 0.02), true);
    }

    /** A benchtop WD-XRF on fused beads reporting oxide wt %, 1 % precision and low limits. */
    public static AnalyzerProfile benchtopOxide(String analyzerId) {
        return new AnalyzerProfile(analyzerId, "CAL-" + analyzerId + "-fused-bead", CompositionBasis.OXIDE_WT_PCT,
                0.01, wtPctLimits(0.01, 0.01, 0.005, 0.005, 0.02, 0.03, 0.005, 0.005, 0.005, 0.005), true);
    }

    /** An online (cross-belt) analyzer reporting element mg/kg, 2 % precision. */
    public static AnalyzerProfile onlineElementPpm(String analyzerId) {
        return new AnalyzerProfile(analyzerId, "CAL-" + analyzerId + "-elements", CompositionBasis.ELEMENT_PPM,
                0.02, ppmLimits(500, 400, 100, 100, 2000, 3000, 100, 50, 200, 50), true);
    }

    /** A handheld reporting oxide wt % without SiO2 (some analyzer setups, like acid-digestion labs, omit it), 5 %. */
    public static AnalyzerProfile handheldWithoutSilica(String analyzerId) {
        return new AnalyzerProfile(analyzerId, "CAL-" + analyzerId + "-no-si", CompositionBasis.OXIDE_WT_PCT,
                0.05, wtPctLimits(0.10, 0.10, 0.02, 0.02, 0.50, 0.80, 0.02, 0.02, 0.05, 0.02), false);
    }

    /** One of each preset: two oxide-wt % analyzers, one element-ppm analyzer, one without SiO2. */
    public static List<AnalyzerProfile> defaultFleet() {
        return List.of(handheldOxide("XRF-HH-01"), benchtopOxide("XRF-LAB-01"), onlineElementPpm("XRF-ONL-01"),
                handheldWithoutSilica("XRF-HH-02"));
    }

    /** Limits in wt % of the oxide, paper order (SiO2 Al2O3 CaO Fe2O3 MgO Na2O K2O TiO2 P2O5 MnO). */
    private static Map<MajorOxide, Double> wtPctLimits(double... wtPct) {
        return inPaperOrder(wtPct);
    }

    /** Limits in mg/kg of the element, paper order (Si Al Ca Fe Mg Na K Ti P Mn). */
    private static Map<MajorOxide, Double> ppmLimits(double... ppm) {
        return inPaperOrder(ppm);
    }

    private static Map<MajorOxide, Double> inPaperOrder(double[] values) {
        EnumMap<MajorOxide, Double> map = new EnumMap<>(MajorOxide.class);
        for (MajorOxide oxide : MajorOxide.PAPER_ORDER) {
            map.put(oxide, values[oxide.ordinal()]);
        }
        return map;
    }
}
