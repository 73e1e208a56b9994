package io.reescreen.simulator.lab;

import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;
import io.reescreen.model.units.ReeUnits;
import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.LabMethod;
import io.reescreen.schemas.LabReeValue;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.RareEarthElement;
import io.reescreen.simulator.SimulatedLot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated lab: turns lots into ICP-MS results on an ash basis, deterministically (same lots, same plan, same
 * results). Pure: no Kafka, no clock; {@link LabSimulator} publishes what this makes.
 *
 * <p>Randomness comes in three independent seeded streams: which lots go to the lab, which of those get a bad result,
 * and one stream per lot (by its position in the list) for its noise, jitter and bad-kind details. So a lot's good
 * result does not change when the bad fraction, or the set of other lots chosen, changes.
 *
 * <p>All unit conversions go through the model library's {@link ReeUnits}, with the lot's true major-oxide mol % as
 * the ash composition, so the conversions here are exactly the ones the retrainer will invert.
 */
public final class LabResultGenerator {

    /** Prefix of every lab result id: {@code LAB-<lotId>} (one result per lot). */
    public static final String ID_PREFIX = "LAB-";

    private static final long SELECT_SALT = 0x1AB5E1EC7L;
    private static final long BAD_SALT = 0xBADBADL;
    private static final long NOISE_SALT = 0x2015E5EEDL;

    /** Element order of every result's values: the schema's RareEarthElement order. */
    private static final List<RareEarthElement> ELEMENTS = List.of(RareEarthElement.values());

    private LabResultGenerator() {
    }

    /**
     * The lab results for {@code lots} under {@code plan}, in the lots' order, good and bad.
     *
     * @throws IllegalArgumentException on duplicate lot ids
     */
    public static List<SimulatedLabResult> generate(List<SimulatedLot> lots, LabPlan plan) {
        Objects.requireNonNull(lots, "lots");
        Objects.requireNonNull(plan, "plan");
        Set<String> knownIds = new HashSet<>();
        for (SimulatedLot lot : lots) {
            if (!knownIds.add(lot.lotId())) {
                throw new IllegalArgumentException("duplicate lot id " + lot.lotId());
            }
        }
        int n = lots.size();
        int[] chosen = firstOfShuffle(n, (int) Math.round(n * plan.labResultFraction()),
                new SplittableRandom(plan.seed() ^ SELECT_SALT));
        int badCount = plan.badKinds().isEmpty() ? 0 : (int) Math.round(chosen.length * plan.badFraction());
        // Positions (in chosen) of the bad ones, in shuffled order, so kinds taken in turn land on random lots.
        int[] badPositions = shuffledPrefix(chosen.length, badCount, new SplittableRandom(plan.seed() ^ BAD_SALT));
        BadLabResultKind[] kindAt = new BadLabResultKind[chosen.length];
        List<BadLabResultKind> kinds = List.copyOf(plan.badKinds());
        for (int i = 0; i < badPositions.length; i++) {
            kindAt[badPositions[i]] = kinds.get(i % kinds.size());
        }

        SplittableRandom noiseRoot = new SplittableRandom(plan.seed() ^ NOISE_SALT);
        SplittableRandom[] perLot = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            perLot[i] = noiseRoot.split();
        }

        List<SimulatedLabResult> results = new ArrayList<>(chosen.length);
        for (int c = 0; c < chosen.length; c++) {
            SimulatedLot lot = lots.get(chosen[c]);
            SplittableRandom random = perLot[chosen[c]];
            double offset = plan.siteOffsets().factor(lot.siteId());
            ReeOxidePpmMol expected = expectedPpmMol(lot, offset);
            LabResult good = measure(lot, expected, plan, random);
            BadLabResultKind kind = kindAt[c];
            if (kind == null) {
                results.add(SimulatedLabResult.good(good, lot, offset, expected));
            } else {
                LabResult bad = BadLabResultInjector.inject(kind, good, unknownLotId(lot.lotId(), knownIds), random);
                results.add(SimulatedLabResult.bad(bad, lot, kind, offset));
            }
        }
        return List.copyOf(results);
    }

    /** Only the good results' records, in the lots' order (for consumers' unit tests that need no bad ones). */
    public static List<LabResult> goodResults(List<SimulatedLot> lots, LabPlan plan) {
        return generate(lots, plan).stream().filter(SimulatedLabResult::isGood).map(SimulatedLabResult::labResult)
                .toList();
    }

    /** The lot's true REE × the site offset: what the lab measures before noise. */
    static ReeOxidePpmMol expectedPpmMol(SimulatedLot lot, double offset) {
        double[] ppmMol = lot.trueRee().oxides().toArrayPpmMol();
        for (int i = 0; i < ppmMol.length; i++) {
            ppmMol[i] *= offset;
        }
        return ReeOxidePpmMol.ofPaperOrder(ppmMol);
    }

    /** A content in ppm mol of the oxide, in {@code unit}, in an ash of composition {@code ash}. */
    static double inUnit(LabConcentrationUnit unit, ReeOxide oxide, double oxidePpmMol, OxideMolPct ash) {
        return switch (unit) {
            case PPM_MOL_OXIDE -> oxidePpmMol;
            case PPM_MASS_OXIDE -> ReeUnits.oxidePpmMassFromOxidePpmMol(oxide, oxidePpmMol, ash.meanMolarMassGPerMol());
            case PPM_MASS_ELEMENT -> ReeUnits.elementPpmFromOxidePpmMol(oxide, oxidePpmMol, ash);
            default -> throw new IllegalArgumentException("no conversion to " + unit);
        };
    }

    private static LabResult measure(SimulatedLot lot, ReeOxidePpmMol expected, LabPlan plan,
                                     SplittableRandom random) {
        OxideMolPct ash = lot.trueMolPct();
        long jitterMillis = plan.jitter().toMillis();
        Instant reportedAt = plan.earliestReportedAt()
                .plusMillis(jitterMillis == 0 ? 0 : random.nextLong(jitterMillis))
                .truncatedTo(ChronoUnit.MILLIS); // timestamp-millis: finer precision would not survive the trip
        List<LabReeValue> values = new ArrayList<>(ELEMENTS.size());
        for (RareEarthElement element : ELEMENTS) {
            ReeOxide oxide = SchemaEnums.oxide(element);
            // One draw per element, always, so the stream does not depend on which elements fall under the limit.
            double noisyPpmMol = expected.ppmMol(oxide) * (1 + plan.relativeNoise() * random.nextGaussian());
            double elementPpm = ReeUnits.elementPpmFromOxidePpmMol(oxide, noisyPpmMol, ash);
            LabReeValue.Builder value = LabReeValue.newBuilder().setElement(element).setUnit(plan.unit());
            if (elementPpm < plan.detectionLimitElementPpm() || elementPpm <= 0) { // never a zero or negative value
                value.setBelowDetection(true).setValueInUnit(null).setSigma1InUnit(null);
            } else {
                double inUnit = inUnit(plan.unit(), oxide, noisyPpmMol, ash);
                value.setBelowDetection(false).setValueInUnit(inUnit).setSigma1InUnit(plan.relativeNoise() * inUnit);
            }
            values.add(value.build());
        }
        return LabResult.newBuilder()
                .setLabResultId(ID_PREFIX + lot.lotId())
                .setLotId(lot.lotId())
                .setLabId(plan.labId())
                .setMethod(LabMethod.ICP_MS)
                .setReportedAt(reportedAt)
                .setMaterialBasis(MaterialBasis.ASH)
                .setAshYieldWtPct(null)
                .setCalcinationTemperatureCelsius(null)
                .setValues(values)
                .build();
    }

    /**
     * A lot id that no lot has: the lot's {@code -L<nnnn>} made {@code -U<nnnn>} (as the XRF simulator's unknown
     * lots), or {@code <lotId>-U} for ids of another shape.
     */
    static String unknownLotId(String lotId, Set<String> knownIds) {
        String candidate = lotId.matches(".*-L\\d+") ? lotId.replaceFirst("-L(\\d+)$", "-U$1") : lotId + "-U";
        while (knownIds.contains(candidate)) {
            candidate = candidate + "X";
        }
        return candidate;
    }

    /** The first {@code k} of a seeded shuffle of 0..n-1, in ascending order. */
    private static int[] firstOfShuffle(int n, int k, SplittableRandom random) {
        int[] prefix = shuffledPrefix(n, k, random);
        Arrays.sort(prefix);
        return prefix;
    }

    /** The first {@code k} of a seeded Fisher–Yates shuffle of 0..n-1, in shuffled order. */
    private static int[] shuffledPrefix(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, k);
    }
}
