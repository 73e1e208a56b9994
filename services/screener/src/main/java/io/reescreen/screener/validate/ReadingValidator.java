package io.reescreen.screener.validate;

import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.Identifiers;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.XrfReading;
import io.reescreen.model.units.AshBasis;
import io.reescreen.model.units.BelowDetectionPolicy;
import io.reescreen.model.chemistry.ElementSymbols;
import io.reescreen.model.chemistry.OxideFormula;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.MissingOxidePolicy;
import io.reescreen.model.units.ReadingPolicy;
import io.reescreen.screener.decode.ReadingUnits;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether one decoded reading can be screened: checks only, the conversion is the enrichment stage's. Pure:
 * no Kafka, no clock of its own. The first problem found is the one reported (the checks run from the record's
 * envelope inwards), with a detail naming the field and value.
 */
public final class ReadingValidator {

    /** Loss on ignition, which some analyzers list among the oxides. */
    private static final String LOI = "LOI";
    private static final double MAX_PPM = 1.0e6;

    private final ValidationLimits limits;

    public ReadingValidator(ValidationLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param key               the record key as text (null when the record had none)
     * @param recordTimestampMs the Kafka record timestamp (negative when unknown)
     * @param nowMs             wall clock
     * @param lot               the lot's metadata, null when none is known
     * @param features          the features of the model in force: each must be measured
     */
    public ReadingVerdict validate(String key, XrfReading reading, long recordTimestampMs, long nowMs, LotInfo lot,
                                   FeatureSet features) {
        try {
            check(key, reading, recordTimestampMs, nowMs, lot, features);
            return ReadingVerdict.accepted();
        } catch (Reject r) {
            return ReadingVerdict.rejected(r.reason, r.getMessage());
        }
    }

    private void check(String key, XrfReading r, long recordTimestampMs, long nowMs, LotInfo lot,
                       FeatureSet features) throws Reject {
        requireId("readingId", r.getReadingId());
        requireId("lotId", r.getLotId());
        requireId("analyzerId", r.getAnalyzerId());
        if (!r.getLotId().equals(key)) {
            throw new Reject(DlqReason.LOT_KEY_MISMATCH, "record key " + quoted(key)
                    + " is not the reading's lotId " + quoted(r.getLotId()));
        }
        checkRecordTimestamp(recordTimestampMs, nowMs);
        CompositionBasis basis = r.getBasis();
        if (basis == null || basis == CompositionBasis.UNKNOWN) {
            throw new Reject(DlqReason.UNKNOWN_BASIS, "basis is " + basis + ": analyte values have no unit");
        }
        if (r.getMaterialBasis() == null || r.getMaterialBasis() == MaterialBasis.UNKNOWN) {
            throw new Reject(DlqReason.UNKNOWN_BASIS, "materialBasis is " + r.getMaterialBasis()
                    + ": neither ASH nor WHOLE_COAL");
        }
        Analytes analytes = classify(r, basis);
        checkValues(r, basis);
        if (r.getMaterialBasis() == MaterialBasis.WHOLE_COAL && r.getAshYieldWtPct() == null) {
            throw new Reject(DlqReason.MISSING_ASH_YIELD, "materialBasis is WHOLE_COAL but ashYieldWtPct is null:"
                    + " cannot put the values on ash basis");
        }
        checkNotInFuture(r, recordTimestampMs, nowMs);
        if (lot != null) {
            // The lot's site id becomes part of the lot's aggregate and outputs, so it is bounded as the ids are.
            if (Identifiers.problem("siteId", lot.getSiteId()).isPresent()) {
                throw new Reject(DlqReason.ID_TOO_LONG, Identifiers.problem("the siteId of lot " + quoted(r.getLotId())
                        + " on topic lots", lot.getSiteId()).orElseThrow());
            }
        }
        if (lot == null && limits.requireLotInfo()) {
            throw new Reject(DlqReason.UNKNOWN_LOT, "no LotInfo for lot '" + r.getLotId()
                    + "' on topic lots, and lot metadata is required");
        }
        MajorOxide byDifference = checkMajors(r, analytes, features);
        checkTotal(r, basis, analytes, byDifference);
    }

    /**
     * Ids become store keys, changelog records and output fields: blank ones identify nothing, long ones could exceed
     * what a store serde or a record can hold, and control characters could join two ids into one dedupe key.
     */
    private static void requireId(String field, String value) throws Reject {
        if (value == null || value.isBlank()) {
            throw new Reject(DlqReason.MISSING_ID, field + " is blank");
        }
        Optional<String> tooLong = Identifiers.problem(field, value);
        if (tooLong.isPresent()) {
            throw new Reject(DlqReason.ID_TOO_LONG, tooLong.get());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new Reject(DlqReason.INVALID_ID, String.format(Locale.ROOT,
                        "%s %s contains the control character U+%04X at index %d", field, quoted(value),
                        (int) value.charAt(i), i));
            }
        }
    }

    /** Quoted, shortened and with control characters escaped, for a detail header a person reads. */
    private static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length() && i < 80; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04X", (int) c) : c);
        }
        return out.append(value.length() > 80 ? "...' (" + value.length() + " chars)" : "'").toString();
    }

    /**
     * The record timestamp travels on to every output record of the reading (compositions, predictions, alerts), so
     * it must be believable: not before the earliest accepted instant, not after the wall clock by more than the
     * allowed skew. Negative means the producer set none; the reading is then judged by the wall clock alone.
     */
    private void checkRecordTimestamp(long recordTimestampMs, long nowMs) throws Reject {
        if (recordTimestampMs < 0) {
            return;
        }
        if (recordTimestampMs < limits.earliestTimestamp().toEpochMilli()) {
            throw new Reject(DlqReason.EARLY_TIMESTAMP, "the record timestamp " + instant(recordTimestampMs)
                    + " is before " + limits.earliestTimestamp() + ", the earliest accepted");
        }
        if (recordTimestampMs - nowMs > limits.maxFutureSkew().toMillis()) {
            throw new Reject(DlqReason.FUTURE_TIMESTAMP, "the record timestamp " + instant(recordTimestampMs) + " is "
                    + (recordTimestampMs - nowMs) / 1000 + " s after the wall clock " + instant(nowMs) + "; at most "
                    + limits.maxFutureSkew() + " is allowed");
        }
    }

    private static String instant(long epochMs) {
        return Instant.ofEpochMilli(epochMs) + " (" + epochMs + " ms)";
    }

    /** The analytes by kind; every name must be of the basis, and none may appear twice. */
    private static Analytes classify(XrfReading r, CompositionBasis basis) throws Reject {
        Analytes out = new Analytes();
        Set<String> seen = new HashSet<>();
        for (AnalyteReading a : r.getAnalytes()) {
            String name = a.getAnalyte();
            if (!seen.add(name)) {
                throw new Reject(DlqReason.INVALID_VALUE, "analyte " + name + " is reported twice");
            }
            var major = ReadingUnits.majorOxide(basis, name);
            if (major.isPresent()) {
                out.majors.put(major.get(), a);
            } else if (basis == CompositionBasis.OXIDE_WT_PCT && LOI.equals(name)) {
                out.loi = a;
            } else if (isOfBasis(basis, name)) {
                out.others.put(name, a);
            } else {
                throw new Reject(DlqReason.UNKNOWN_BASIS, "analyte '" + name + "' is not " + (basis == CompositionBasis.OXIDE_WT_PCT
                        ? "an oxide formula (e.g. Al2O3)" : "an element symbol (e.g. Al)") + " as basis " + basis + " needs");
            }
        }
        return out;
    }

    /** An element symbol in ELEMENT_PPM, an oxide formula in OXIDE_WT_PCT: a name of the basis it is not modelled. */
    private static boolean isOfBasis(CompositionBasis basis, String name) {
        return basis == CompositionBasis.ELEMENT_PPM ? ElementSymbols.isElementSymbol(name)
                : OxideFormula.isOxideFormula(name);
    }

    private static void checkValues(XrfReading r, CompositionBasis basis) throws Reject {
        double max = basis == CompositionBasis.OXIDE_WT_PCT ? 100.0 : MAX_PPM;
        String unit = basis == CompositionBasis.OXIDE_WT_PCT ? " wt %" : " ppm";
        for (AnalyteReading a : r.getAnalytes()) {
            String name = a.getAnalyte();
            Double value = a.getValueInBasisUnit();
            nonNegative(name, ".valueInBasisUnit", value);
            nonNegative(name, ".sigma1InBasisUnit", a.getSigma1InBasisUnit());
            nonNegative(name, ".detectionLimitInBasisUnit", a.getDetectionLimitInBasisUnit());
            if (value != null && value > max) {
                throw new Reject(DlqReason.INVALID_VALUE, name + ".valueInBasisUnit = " + value + unit
                        + " exceeds " + (long) max + unit);
            }
            if (a.getBelowDetection()) {
                Double limit = a.getDetectionLimitInBasisUnit() != null ? a.getDetectionLimitInBasisUnit() : value;
                if (limit == null || limit <= 0 || limit > max) {
                    throw new Reject(DlqReason.INVALID_VALUE, name + " is below detection but gives no usable"
                            + " detection limit (detectionLimitInBasisUnit = " + a.getDetectionLimitInBasisUnit() + ")");
                }
            }
        }
        nonNegative("lossOnIgnitionWtPct", "", r.getLossOnIgnitionWtPct());
        if (r.getLossOnIgnitionWtPct() != null && r.getLossOnIgnitionWtPct() > 100) {
            throw new Reject(DlqReason.INVALID_VALUE, "lossOnIgnitionWtPct = " + r.getLossOnIgnitionWtPct() + " exceeds 100");
        }
        Double ash = r.getAshYieldWtPct();
        if (ash != null && (!Double.isFinite(ash) || ash <= 0 || ash > 100)) {
            throw new Reject(DlqReason.INVALID_VALUE, "ashYieldWtPct = " + ash + " is outside (0, 100]");
        }
    }

    /** The field's name in two parts, joined only for the reason: this runs for every analyte of every reading. */
    private static void nonNegative(String field, String suffix, Double value) throws Reject {
        if (value != null && (!Double.isFinite(value) || value < 0)) {
            throw new Reject(DlqReason.INVALID_VALUE, field + suffix + " = " + value + (Double.isFinite(value)
                    ? " is negative" : " is not a finite number"));
        }
    }

    private void checkNotInFuture(XrfReading r, long recordTimestampMs, long nowMs) throws Reject {
        if (r.getSampledAt().isBefore(limits.earliestTimestamp())) {
            throw new Reject(DlqReason.EARLY_TIMESTAMP, "sampledAt " + instant(r.getSampledAt().toEpochMilli())
                    + " is before " + limits.earliestTimestamp() + ", the earliest accepted");
        }
        // The earlier of record time and wall clock: a replay of old records is judged by their own timestamps, and a
        // producer that stamps records with sampledAt is still caught by the wall clock.
        long reference = recordTimestampMs >= 0 ? Math.min(recordTimestampMs, nowMs) : nowMs;
        long sampledAt = r.getSampledAt().toEpochMilli();
        if (sampledAt > reference + limits.maxFutureSkew().toMillis()) {
            throw new Reject(DlqReason.FUTURE_TIMESTAMP, "sampledAt " + r.getSampledAt() + " is "
                    + (sampledAt - reference) / 1000 + " s after " + Instant.ofEpochMilli(reference)
                    + " (record time / wall clock); at most " + limits.maxFutureSkew() + " is allowed");
        }
    }

    /**
     * Every model feature must be measured (never taken by difference); other majors may be missing only as the
     * missing-oxide policy allows.
     *
     * @return the oxide to be taken by difference, or null
     */
    private MajorOxide checkMajors(XrfReading r, Analytes analytes, FeatureSet features) throws Reject {
        ReadingPolicy policy = limits.readingPolicy();
        EnumSet<MajorOxide> missing = EnumSet.allOf(MajorOxide.class);
        EnumSet<MajorOxide> belowDetection = EnumSet.noneOf(MajorOxide.class);
        analytes.majors.forEach((oxide, a) -> {
            if (a.getBelowDetection()) {
                missing.remove(oxide);
                belowDetection.add(oxide);
            } else if (a.getValueInBasisUnit() != null) {
                missing.remove(oxide);
            }
        });
        EnumSet<MajorOxide> missingFeatures = EnumSet.noneOf(MajorOxide.class);
        for (MajorOxide f : features.oxides()) {
            if (missing.contains(f)) {
                missingFeatures.add(f);
            }
        }
        if (!missingFeatures.isEmpty()) {
            throw new Reject(DlqReason.MISSING_ANALYTE, "model feature(s) " + missingFeatures + " not reported"
                    + " (as " + names(r.getBasis(), missingFeatures) + "); the model needs " + features.formulas());
        }
        MajorOxide byDifference = null;
        if (!missing.isEmpty()) {
            boolean fillable = policy.missingOxides() == MissingOxidePolicy.BY_DIFFERENCE
                    && missing.equals(EnumSet.of(policy.byDifferenceOxide()));
            if (!fillable) {
                throw new Reject(DlqReason.MISSING_ANALYTE, "major oxide(s) " + missing + " not reported (as "
                        + names(r.getBasis(), missing) + "); policy " + policy.missingOxides()
                        + (policy.missingOxides() == MissingOxidePolicy.BY_DIFFERENCE
                        ? " may take only " + policy.byDifferenceOxide() + " by difference" : " rejects incomplete readings"));
            }
            byDifference = policy.byDifferenceOxide();
        }
        if (!belowDetection.isEmpty() && policy.belowDetection() == BelowDetectionPolicy.REJECT) {
            throw new Reject(DlqReason.BELOW_DETECTION, "major oxide(s) " + belowDetection
                    + " below detection and the policy rejects below-detection values");
        }
        return byDifference;
    }

    private static String names(CompositionBasis basis, Set<MajorOxide> oxides) {
        return oxides.stream().map(o -> basis == CompositionBasis.ELEMENT_PPM ? o.cation().symbol() : o.formula())
                .toList().toString();
    }

    /**
     * The wt % total on ash basis. Ash analyses come "as received" (oxides + LOI near 100) or "ignited" (oxides alone
     * near 100), so LOI is added only when the oxides alone fall short; a high-carbon reject ash with 60 wt % oxides
     * and 35 wt % LOI is plausible, 60 wt % of oxides with nothing else is not. With an oxide taken by difference the
     * total is 100 by construction, so only the measured rest is checked (it must leave room for the missing oxide).
     */
    private void checkTotal(XrfReading r, CompositionBasis basis, Analytes analytes, MajorOxide byDifference)
            throws Reject {
        AshBasis ash = ReadingUnits.ashBasis(r);
        double majors = 0;
        for (Map.Entry<MajorOxide, AnalyteReading> e : analytes.majors.entrySet()) {
            AnalyteReading a = e.getValue();
            if (!a.getBelowDetection() && a.getValueInBasisUnit() != null) {
                majors += ReadingUnits.oxideWtPct(basis, e.getKey(), a.getValueInBasisUnit(), ash);
            }
        }
        double others = 0;
        for (AnalyteReading a : analytes.others.values()) {
            if (!a.getBelowDetection() && a.getValueInBasisUnit() != null) {
                // Other oxides count as given; other elements count as the element alone (their oxide form is
                // unknown), a slight underestimate of a small term.
                others += ReadingUnits.analyteUnit(basis).wtPct(ash.onAsh(a.getValueInBasisUnit()));
            }
        }
        double total = majors + others;
        double min = limits.minPlausibleTotalWtPct();
        double max = limits.maxPlausibleTotalWtPct();
        String basisNote = ash.rescales() ? " (ash basis, ash yield " + r.getAshYieldWtPct() + " wt %)" : "";
        if (byDifference != null) {
            if (majors >= 100.0 || total > max) {
                throw new Reject(DlqReason.IMPLAUSIBLE_TOTAL, String.format(Locale.ROOT,
                        "the reported oxides sum to %.2f wt %% (majors %.2f)%s, leaving no room to take %s by difference",
                        total, majors, basisNote, byDifference));
            }
            return;
        }
        Double loi = r.getMaterialBasis() == MaterialBasis.ASH ? lossOnIgnition(r, analytes) : null;
        boolean plausible = total >= min && total <= max
                || total < min && loi != null && total + loi >= min && total + loi <= max;
        if (!plausible) {
            throw new Reject(DlqReason.IMPLAUSIBLE_TOTAL, String.format(Locale.ROOT,
                    "the reported oxides sum to %.2f wt %%%s%s, outside the plausible [%.1f, %.1f] wt %%", total,
                    loi == null ? "" : String.format(Locale.ROOT, " (%.2f with LOI)", total + loi), basisNote, min, max));
        }
    }

    private static Double lossOnIgnition(XrfReading r, Analytes analytes) {
        if (r.getLossOnIgnitionWtPct() != null) {
            return r.getLossOnIgnitionWtPct();
        }
        return analytes.loi == null ? null : analytes.loi.getValueInBasisUnit();
    }

    private static final class Analytes {
        final Map<MajorOxide, AnalyteReading> majors = new EnumMap<>(MajorOxide.class);
        final Map<String, AnalyteReading> others = new LinkedHashMap<>();
        AnalyteReading loi;
    }

    /** A check failed: short-circuits to the rejection. */
    private static final class Reject extends Exception {
        private static final long serialVersionUID = 1L;
        final transient DlqReason reason;

        Reject(DlqReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
