package io.reescreen.simulator;

import io.reescreen.model.units.MajorElementUnits;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.XrfReading;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A test-side validator: which {@link BadInputKind}s a decoded reading exhibits, checked in the order a screener
 * would (basis, values, required analytes, total, time, lot), a later check skipped when an earlier one leaves it
 * undefined. Independent of the simulator's code: it converts units with the model's converters only.
 */
final class ReadingChecks {

    static final double MIN_TOTAL_WT_PCT = 70;
    static final double MAX_TOTAL_WT_PCT = 110;
    static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private ReadingChecks() {
    }

    static Set<BadInputKind> violations(XrfReading reading, Set<String> publishedLots, Instant clock) {
        EnumSet<BadInputKind> found = EnumSet.noneOf(BadInputKind.class);
        boolean basisKnown = reading.getBasis() != CompositionBasis.UNKNOWN;
        if (!basisKnown) {
            found.add(BadInputKind.UNKNOWN_BASIS);
        }
        boolean valuesValid = true;
        for (AnalyteReading a : reading.getAnalytes()) {
            Double v = a.getValueInBasisUnit();
            if (v == null) {
                continue;
            }
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                found.add(BadInputKind.NAN_VALUE);
                valuesValid = false;
            } else if (v < 0) {
                found.add(BadInputKind.NEGATIVE_VALUE);
                valuesValid = false;
            }
        }
        boolean hasAluminium = reading.getAnalytes().stream()
                .anyMatch(a -> a.getAnalyte().equals("Al2O3") || a.getAnalyte().equals("Al"));
        if (!hasAluminium) {
            found.add(BadInputKind.MISSING_REQUIRED_ANALYTE);
        }
        if (basisKnown && valuesValid && hasAluminium) {
            double total = 0;
            boolean hasSilica = false;
            for (AnalyteReading a : reading.getAnalytes()) {
                MajorOxide oxide = oxideOf(reading.getBasis(), a.getAnalyte());
                hasSilica |= oxide == MajorOxide.SIO2;
                if (a.getValueInBasisUnit() != null) {
                    total += wtPct(reading.getBasis(), oxide, a.getValueInBasisUnit());
                }
            }
            // Without SiO2 the total is only defined after taking SiO2 by difference, which needs the rest <= 100.
            boolean implausible = hasSilica ? total < MIN_TOTAL_WT_PCT || total > MAX_TOTAL_WT_PCT : total > 100;
            if (implausible) {
                found.add(BadInputKind.IMPLAUSIBLE_TOTAL);
            }
        }
        if (reading.getSampledAt().isAfter(clock.plus(CLOCK_SKEW))) {
            found.add(BadInputKind.FUTURE_TIMESTAMP);
        }
        if (!publishedLots.contains(reading.getLotId())) {
            found.add(BadInputKind.UNKNOWN_LOT);
        }
        return found;
    }

    /** Oxide wt % of the ten majors as reported (below detection as 0). */
    static double totalWtPct(XrfReading reading) {
        double total = 0;
        for (AnalyteReading a : reading.getAnalytes()) {
            if (a.getValueInBasisUnit() != null) {
                total += wtPct(reading.getBasis(), oxideOf(reading.getBasis(), a.getAnalyte()), a.getValueInBasisUnit());
            }
        }
        return total;
    }

    static MajorOxide oxideOf(CompositionBasis basis, String analyte) {
        if (basis == CompositionBasis.ELEMENT_PPM) {
            for (MajorOxide o : MajorOxide.values()) {
                if (o.cation().symbol().equals(analyte)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("not a major element: " + analyte);
        }
        return MajorOxide.fromFormula(analyte);
    }

    static double wtPct(CompositionBasis basis, MajorOxide oxide, double value) {
        return basis == CompositionBasis.ELEMENT_PPM ? MajorElementUnits.oxideWtPctFromElementPpm(oxide, value) : value;
    }
}
