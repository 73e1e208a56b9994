package io.reescreen.simulator;

import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.CoalRank;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Which lots a simulation has: how many, what share of them is REE-rich, on which sites. Compositions and REE come
 * from {@link SyntheticAshGenerator} (synthetic, from the paper's Table 1 statistics); the REE-rich share is met
 * exactly by picking generated samples on either side of the threshold, so a demo or a test knows how many alerts
 * to expect.
 *
 * @param lotCount                   number of lots, at least 1
 * @param reeRichFraction            share of lots with total REE at or above the threshold, in [0, 1]; the number
 *                                   of rich lots is {@code round(lotCount × fraction)}
 * @param reeRichThresholdPpmMol     total REE threshold, ppm mol (157 = the paper's median and screening mark)
 * @param seed                       the lots are a function of this seed (and the run id that names them)
 * @param siteIds                    sites the lots are spread over, round-robin
 */
public record LotMix(int lotCount, double reeRichFraction, double reeRichThresholdPpmMol, long seed,
                     List<String> siteIds) {

    /** The paper's screening threshold (the training set's median total REE), ppm mol. */
    public static final double PAPER_THRESHOLD_PPM_MOL = 157.0;

    /** The sites of {@code SiteOffsets.defaults()}: one reading low, one high, one true. */
    public static final List<String> DEFAULT_SITES = List.of("YARD-A", "YARD-B", "YARD-C");

    private static final String[] BASINS_BITUMINOUS = {"Appalachian", "Illinois"};

    public LotMix {
        if (lotCount < 1) {
            throw new IllegalArgumentException("lotCount must be >= 1, got " + lotCount);
        }
        if (!(reeRichFraction >= 0 && reeRichFraction <= 1)) {
            throw new IllegalArgumentException("reeRichFraction must be in [0, 1], got " + reeRichFraction);
        }
        // Table 1 spans 80–293 ppm mol; a threshold outside it leaves one class empty.
        if (!(reeRichThresholdPpmMol > 80 && reeRichThresholdPpmMol < 293)) {
            throw new IllegalArgumentException("reeRichThresholdPpmMol must lie inside the synthetic range"
                    + " (80, 293) ppm mol, got " + reeRichThresholdPpmMol);
        }
        siteIds = List.copyOf(Objects.requireNonNull(siteIds, "siteIds"));
        if (siteIds.isEmpty()) {
            throw new IllegalArgumentException("at least one site id is needed");
        }
    }

    /** {@code lotCount} lots, {@code reeRichFraction} of them REE-rich at the paper's 157 ppm mol, default sites. */
    public static LotMix of(int lotCount, double reeRichFraction, long seed) {
        return new LotMix(lotCount, reeRichFraction, PAPER_THRESHOLD_PPM_MOL, seed, DEFAULT_SITES);
    }

    public LotMix withThresholdPpmMol(double thresholdPpmMol) {
        return new LotMix(lotCount, reeRichFraction, thresholdPpmMol, seed, siteIds);
    }

    public LotMix withSites(List<String> sites) {
        return new LotMix(lotCount, reeRichFraction, reeRichThresholdPpmMol, seed, sites);
    }

    /** How many of the lots are REE-rich. */
    public int reeRichCount() {
        return (int) Math.round(lotCount * reeRichFraction);
    }

    /**
     * Draws the lots. Lot ids are {@code <siteId>-<runId>-L<nnnn>}, so two runs with different run ids never
     * share a lot; the same mix and run id always give the same lots, in a shuffled (not rich-first) order.
     */
    public List<SimulatedLot> draw(String runId) {
        Objects.requireNonNull(runId, "runId");
        int rich = reeRichCount();
        int lean = lotCount - rich;
        List<LabelledSample> richSamples = new ArrayList<>(rich);
        List<LabelledSample> leanSamples = new ArrayList<>(lean);
        SyntheticAshGenerator generator = new SyntheticAshGenerator(SyntheticSpec.withSeed(seed));
        // About half the generated ashes sit above the median threshold; grow the pool until both classes fill.
        // generate() is prefix-stable, so a larger pool only appends samples.
        for (int pool = Math.max(64, 4 * lotCount); ; pool *= 2) {
            richSamples.clear();
            leanSamples.clear();
            for (LabelledSample s : generator.generate(pool).samples()) {
                boolean isRich = s.totalReePpmMol() >= reeRichThresholdPpmMol;
                if (isRich && richSamples.size() < rich) {
                    richSamples.add(s);
                } else if (!isRich && leanSamples.size() < lean) {
                    leanSamples.add(s);
                }
            }
            if (richSamples.size() == rich && leanSamples.size() == lean) {
                break;
            }
            if (pool > 1_000 * lotCount) {
                throw new IllegalStateException("cannot find " + rich + " rich and " + lean + " lean lots at "
                        + reeRichThresholdPpmMol + " ppm mol");
            }
        }
        List<LabelledSample> chosen = new ArrayList<>(richSamples);
        chosen.addAll(leanSamples);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        Collections.shuffle(chosen, random);

        List<SimulatedLot> lots = new ArrayList<>(lotCount);
        for (int i = 0; i < chosen.size(); i++) {
            LabelledSample s = chosen.get(i);
            String site = siteIds.get(i % siteIds.size());
            CoalRank rank = pick(random, new CoalRank[] {CoalRank.BITUMINOUS, CoalRank.SUBBITUMINOUS, CoalRank.LIGNITE},
                    0.50, 0.35, 0.15);
            lots.add(new SimulatedLot(
                    String.format("%s-%s-L%04d", site, runId, i + 1),
                    site,
                    s.sampleId(),
                    s.oxides(),
                    s.oxides().toWtPct(),
                    s.targets(),
                    pick(random, new AshOrigin[] {AshOrigin.FLY_ASH, AshOrigin.BOTTOM_ASH, AshOrigin.POND_ASH,
                        AshOrigin.LANDFILL_ASH}, 0.60, 0.15, 0.15, 0.10),
                    rank,
                    basinOf(rank, random),
                    pick(random, new String[] {"pulverized coal", "cyclone", "fluidized bed"}, 0.70, 0.15, 0.15),
                    s.totalReePpmMol() >= reeRichThresholdPpmMol));
        }
        return List.copyOf(lots);
    }

    /** Real US coal basins by rank, as decoration: the synthetic composition does not depend on them. */
    private static String basinOf(CoalRank rank, Random random) {
        return switch (rank) {
            case BITUMINOUS -> BASINS_BITUMINOUS[random.nextInt(BASINS_BITUMINOUS.length)];
            case SUBBITUMINOUS -> "Powder River";
            case LIGNITE -> "Gulf Coast";
            default -> null;
        };
    }

    private static <T> T pick(Random random, T[] options, double... weights) {
        double u = random.nextDouble();
        for (int i = 0; i < options.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return options[i];
            }
        }
        return options[options.length - 1];
    }
}
