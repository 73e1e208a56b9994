package io.reescreen.simulator;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.XrfReading;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Turns a good shot into a bad one of a given {@link BadInputKind}, changing only what the kind names, so that a
 * validator that rejects it has rejected it for that reason and no other.
 */
final class BadInputInjector {

    /** How far ahead a FUTURE_TIMESTAMP reading claims to be. */
    static final Duration FUTURE_OFFSET = Duration.ofDays(1);

    /** IMPLAUSIBLE_TOTAL readings are scaled to an oxide total in this range, wt %. */
    static final double LOW_TOTAL_MIN_WT_PCT = 30.0;
    static final double LOW_TOTAL_MAX_WT_PCT = 50.0;

    /** First bytes of an UNDECODABLE value: printable text, so never the registry framing's magic byte 0. */
    static final String UNDECODABLE_PREFIX = "XRF-CSV;";

    private BadInputInjector() {
    }

    /**
     * @param good         a good reading of {@code lot} by {@code profile}
     * @param unknownLotId the lot id to use for {@link BadInputKind#UNKNOWN_LOT}: one never published
     */
    static SimulatedShot inject(BadInputKind kind, SimulatedLot lot, AnalyzerProfile profile, XrfReading good,
                                String unknownLotId, Random random) {
        XrfReading.Builder bad = XrfReading.newBuilder(good); // a deep copy
        switch (kind) {
            case NEGATIVE_VALUE -> {
                List<AnalyteReading> analytes = copy(good.getAnalytes());
                AnalyteReading target = pickMeasured(analytes, random);
                target.setValueInBasisUnit(-target.getValueInBasisUnit());
                bad.setAnalytes(analytes);
            }
            case NAN_VALUE -> {
                List<AnalyteReading> analytes = copy(good.getAnalytes());
                pickMeasured(analytes, random).setValueInBasisUnit(Double.NaN);
                bad.setAnalytes(analytes);
            }
            case MISSING_REQUIRED_ANALYTE -> {
                String aluminium = profile.analyteName(MajorOxide.AL2O3);
                bad.setAnalytes(copy(good.getAnalytes()).stream()
                        .filter(a -> !a.getAnalyte().equals(aluminium)).collect(Collectors.toList()));
            }
            case IMPLAUSIBLE_TOTAL -> {
                if (!profile.reportsSiO2()) {
                    throw new IllegalArgumentException(profile.analyzerId() + " does not report SiO2, so its total"
                            + " is not defined: IMPLAUSIBLE_TOTAL needs an analyzer that does");
                }
                List<AnalyteReading> analytes = copy(good.getAnalytes());
                double total = oxideTotalWtPct(profile, analytes);
                double target = LOW_TOTAL_MIN_WT_PCT + random.nextDouble() * (LOW_TOTAL_MAX_WT_PCT - LOW_TOTAL_MIN_WT_PCT);
                double factor = target / total;
                for (AnalyteReading a : analytes) {
                    if (a.getValueInBasisUnit() != null) {
                        a.setValueInBasisUnit(a.getValueInBasisUnit() * factor);
                        a.setSigma1InBasisUnit(a.getSigma1InBasisUnit() * factor);
                    }
                }
                bad.setAnalytes(analytes);
            }
            case UNKNOWN_BASIS -> bad.setBasis(CompositionBasis.UNKNOWN);
            case FUTURE_TIMESTAMP -> bad.setSampledAt(good.getSampledAt().plus(FUTURE_OFFSET));
            case UNKNOWN_LOT -> bad.setLotId(unknownLotId);
            case UNDECODABLE -> {
                return SimulatedShot.undecodable(lot, good.getReadingId(), good.getLotId(), textExport(good));
            }
            default -> throw new IllegalArgumentException("unhandled kind " + kind);
        }
        return SimulatedShot.bad(lot, kind, bad.build());
    }

    /** Sum of the measured analytes as oxide wt % (below-detection ones count as 0). */
    static double oxideTotalWtPct(AnalyzerProfile profile, List<AnalyteReading> analytes) {
        double total = 0;
        for (MajorOxide oxide : profile.reportedOxides()) {
            String name = profile.analyteName(oxide);
            for (AnalyteReading a : analytes) {
                if (a.getAnalyte().equals(name) && a.getValueInBasisUnit() != null) {
                    total += profile.toOxideWtPct(oxide, a.getValueInBasisUnit());
                }
            }
        }
        return total;
    }

    private static AnalyteReading pickMeasured(List<AnalyteReading> analytes, Random random) {
        List<AnalyteReading> measured = analytes.stream().filter(a -> a.getValueInBasisUnit() != null).toList();
        // Al2O3 is always far above its limit, so there is always at least one.
        return measured.get(random.nextInt(measured.size()));
    }

    private static List<AnalyteReading> copy(List<AnalyteReading> analytes) {
        List<AnalyteReading> copy = new ArrayList<>(analytes.size());
        for (AnalyteReading a : analytes) {
            copy.add(AnalyteReading.newBuilder(a).build());
        }
        return copy;
    }

    /** The shot as an analyzer's semicolon-separated text export: plausible garbage for an Avro topic. */
    private static byte[] textExport(XrfReading reading) {
        StringBuilder line = new StringBuilder(UNDECODABLE_PREFIX)
                .append(reading.getReadingId()).append(';')
                .append(reading.getLotId()).append(';')
                .append(reading.getAnalyzerId()).append(';')
                .append(reading.getSampledAt()).append(';')
                .append(reading.getBasis());
        for (AnalyteReading a : reading.getAnalytes()) {
            line.append(';').append(a.getAnalyte()).append('=')
                    .append(a.getBelowDetection() ? "<" + a.getDetectionLimitInBasisUnit() : a.getValueInBasisUnit());
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
