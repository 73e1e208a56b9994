package io.reescreen.model.synthetic;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.data.SampleOrigin;
import io.reescreen.model.linalg.Cholesky;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Plausible coal-ash compositions and REE contents for demos, simulators and tests, built only from published
 * statistics, so it needs nothing from shared/data. Every sample is {@link SampleOrigin#SYNTHETIC} with an id
 * starting "SYN-", and the dataset carries a "SYNTHETIC" note.
 *
 * <p>Compositions: the nine non-SiO2 oxides are drawn from piecewise-linear quantile functions through the
 * paper's Table 1 percentiles ({@link PaperTable1}), tied together by a Gaussian copula; SiO2 is the closure
 * S − Σ(others) with S uniform on Table 1's 98.3–99.9 mol % range, and a draw whose SiO2 leaves Table 1's range is
 * redrawn. Those redraws are mostly high-CaO, high-MgO draws, so their 80th percentiles come out low (CaO ≈ 24
 * rather than 27.2, MgO ≈ 6.7 rather than 7.4 mol %); medians and the other quintiles stay close to Table 1.
 *
 * <p>REE: a latent score combines the copula's normal scores with the paper's effect directions (Al2O3 raises REE
 * strongly, CaO lowers it, Fe2O3/P2O5/TiO2/MgO raise it weakly) plus independent noise; total REE is that score
 * mapped through Table 1's total-REE percentiles (80–293 ppm mol; straight segments between them give a
 * mean of ≈ 175 rather than the table's 170). The total is split over the 16 REE
 * oxides by a fixed pattern with log-normal noise per oxide, times the site bias; the reported total is the sum of
 * the 16, as in measured data.
 */
public final class SyntheticAshGenerator {

    /** Latent (copula) order: the nine oxides other than SiO2, paper order. */
    private static final List<MajorOxide> LATENT = MajorOxide.PAPER_ORDER.subList(1, MajorOxide.COUNT);

    /**
     * Copula correlations between the latent normal scores. Hand-rounded from the Spearman correlations of the 10
     * released EPRI/NETL rows (signs and rough size: CaO–MgO +0.82, CaO–K2O −0.81, CaO–Al2O3 −0.66, Al2O3–K2O
     * +0.66), damped because ten rows are few. Pairs not listed are 0. They keep high-CaO ashes low in Al2O3 and K2O
     * and high in MgO, which is what makes Table 1's SiO2 percentiles come out of the closure.
     */
    private static final List<Correlation> LATENT_CORRELATIONS = List.of(
        new Correlation(MajorOxide.AL2O3, MajorOxide.CAO, -0.70),
        new Correlation(MajorOxide.AL2O3, MajorOxide.FE2O3, 0.30),
        new Correlation(MajorOxide.AL2O3, MajorOxide.MGO, -0.40),
        new Correlation(MajorOxide.AL2O3, MajorOxide.NA2O, -0.30),
        new Correlation(MajorOxide.AL2O3, MajorOxide.K2O, 0.60),
        new Correlation(MajorOxide.AL2O3, MajorOxide.TIO2, 0.40),
        new Correlation(MajorOxide.AL2O3, MajorOxide.P2O5, 0.30),
        new Correlation(MajorOxide.CAO, MajorOxide.FE2O3, -0.40),
        new Correlation(MajorOxide.CAO, MajorOxide.MGO, 0.80),
        new Correlation(MajorOxide.CAO, MajorOxide.NA2O, 0.30),
        new Correlation(MajorOxide.CAO, MajorOxide.K2O, -0.75),
        new Correlation(MajorOxide.CAO, MajorOxide.P2O5, -0.20),
        new Correlation(MajorOxide.FE2O3, MajorOxide.MGO, -0.30),
        new Correlation(MajorOxide.FE2O3, MajorOxide.NA2O, -0.30),
        new Correlation(MajorOxide.FE2O3, MajorOxide.K2O, 0.40),
        new Correlation(MajorOxide.FE2O3, MajorOxide.MNO, 0.30),
        new Correlation(MajorOxide.MGO, MajorOxide.NA2O, 0.20),
        new Correlation(MajorOxide.MGO, MajorOxide.K2O, -0.70),
        new Correlation(MajorOxide.NA2O, MajorOxide.P2O5, 0.20),
        new Correlation(MajorOxide.NA2O, MajorOxide.MNO, -0.20),
        new Correlation(MajorOxide.K2O, MajorOxide.P2O5, 0.20),
        new Correlation(MajorOxide.TIO2, MajorOxide.P2O5, 0.30));

    private record Correlation(MajorOxide a, MajorOxide b, double r) {
    }

    /**
     * Weights of the latent scores in the REE score: the paper's effect directions and ranking (Al2O3 strongest,
     * CaO second and negative, Fe2O3/P2O5/TiO2/MgO weakly positive). MgO's weight is larger than its effect
     * because it must outweigh its +0.8 copula correlation with CaO; with these weights a linear regression of
     * total REE on the six inputs recovers all six signs. Na2O, K2O and MnO have no effect, as in the paper's model.
     */
    private static final Map<MajorOxide, Double> REE_EFFECT = Map.of(
            MajorOxide.AL2O3, 1.0, MajorOxide.CAO, -0.8, MajorOxide.FE2O3, 0.25,
            MajorOxide.MGO, 0.35, MajorOxide.TIO2, 0.2, MajorOxide.P2O5, 0.2);

    /**
     * Correlation between the composition score and total REE; 0.9 makes composition explain ≈ 80 % of the
     * variance, close to the paper's linear-regression R² of 0.85.
     */
    private static final double COMPOSITION_CORRELATION = 0.9;

    /**
     * The REE pattern, ppm mol: the mean of each target over the paper's 99 training ashes, as stored in the
     * authors' released label scaler ({@code scaler2.save}, transcribed in shared/data PROVENANCE.md's
     * scaler_stats file). Only the proportions are used. In mass terms (M̄ ≈ 68 g/mol) this is Ce ≈ 138, La ≈ 68,
     * Nd ≈ 62, Y ≈ 64, Sc ≈ 40 ppm, close to world coal-ash averages (Ketris &amp; Yudovich 2009: Ce ≈ 140,
     * La ≈ 76, Nd ≈ 75, Y ≈ 51, Sc ≈ 23 ppm). In ppm mol Sc2O3 and Y2O3 rank high because their molar masses are
     * low.
     */
    private static final Map<ReeOxide, Double> REE_PATTERN_PPM_MOL;

    static {
        EnumMap<ReeOxide, Double> p = new EnumMap<>(ReeOxide.class);
        p.put(ReeOxide.CEO2, 66.797374);
        p.put(ReeOxide.DY2O3, 2.454848);
        p.put(ReeOxide.ER2O3, 1.417172);
        p.put(ReeOxide.EUO, 1.307576);
        p.put(ReeOxide.GD2O3, 2.812121);
        p.put(ReeOxide.HO2O3, 0.475657);
        p.put(ReeOxide.LA2O3, 16.717071);
        p.put(ReeOxide.LU2O3, 0.180707);
        p.put(ReeOxide.ND2O3, 14.722727);
        p.put(ReeOxide.PR2O3, 3.912525);
        p.put(ReeOxide.SC2O3, 30.001010);
        p.put(ReeOxide.SM2O3, 2.919798);
        p.put(ReeOxide.TB2O3, 0.424040);
        p.put(ReeOxide.TM2O3, 0.193030);
        p.put(ReeOxide.YB2O3, 1.222626);
        p.put(ReeOxide.Y2O3, 24.603838);
        REE_PATTERN_PPM_MOL = Map.copyOf(p);
    }

    private static final int MAX_DRAWS_PER_SAMPLE = 10_000;

    private static final double[][] CHOLESKY = Cholesky.lower(latentCorrelation());
    private static final double[] EFFECT_WEIGHTS = effectWeights();
    private static final double EFFECT_SD = effectSd();
    private static final double[] PATTERN_SHARES = patternShares();

    private final SyntheticSpec spec;
    private final PiecewiseLinearQuantile[] marginals;
    private final PiecewiseLinearQuantile totalQuantile;

    public SyntheticAshGenerator(SyntheticSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.marginals = new PiecewiseLinearQuantile[LATENT.size()];
        for (int k = 0; k < LATENT.size(); k++) {
            PaperTable1.Row r = PaperTable1.oxideMolPct(LATENT.get(k));
            marginals[k] = PiecewiseLinearQuantile.fromPercentiles(r.p0(), r.p20(), r.p50(), r.p80(), r.p100(), r.mean());
        }
        PaperTable1.Row t = PaperTable1.TOTAL_REE_PPM_MOL;
        // No mean-matching knot: Table 1's mean (170) is below what its own p80 (246) allows with linear segments.
        this.totalQuantile = PiecewiseLinearQuantile.fromPercentiles(t.p0(), t.p20(), t.p50(), t.p80(), t.p100(),
                Double.NaN);
    }

    public SyntheticSpec spec() {
        return spec;
    }

    /** The id of the {@code index}-th (0-based) sample of a dataset generated with {@code seed}. */
    public static String sampleId(long seed, int index) {
        return LabelledSample.SYNTHETIC_ID_PREFIX + "seed" + seed + "-" + String.format("%06d", index + 1);
    }

    /**
     * {@code count} samples. The same spec gives the same samples, and a shorter dataset is a prefix of a longer
     * one with the same spec.
     */
    public Dataset generate(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        Random random = new Random(spec.seed());
        List<LabelledSample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(next(random, sampleId(spec.seed(), i)));
        }
        String note = "SYNTHETIC: generated by reescreen SyntheticAshGenerator (seed=" + spec.seed() + ", siteBias="
                + spec.siteBias() + ", elementNoiseLogSd=" + spec.elementNoiseLogSd() + ") from Song et al. 2024"
                + " Table 1 statistics; NOT measurements";
        return new Dataset("synthetic coal ash (seed " + spec.seed() + ")", List.of(note), samples);
    }

    private LabelledSample next(Random random, String id) {
        for (int attempt = 0; attempt < MAX_DRAWS_PER_SAMPLE; attempt++) {
            double[] latent = correlatedNormals(random);
            double[] molPct = new double[MajorOxide.COUNT];
            double others = 0;
            for (int k = 0; k < LATENT.size(); k++) {
                double v = marginals[k].valueAt(StandardNormal.cdf(latent[k]));
                molPct[LATENT.get(k).ordinal()] = v;
                others += v;
            }
            double sum = PaperTable1.MIN_SUM_MOL_PCT
                    + random.nextDouble() * (PaperTable1.MAX_SUM_MOL_PCT - PaperTable1.MIN_SUM_MOL_PCT);
            double siO2 = sum - others;
            PaperTable1.Row siRow = PaperTable1.oxideMolPct(MajorOxide.SIO2);
            // The REE draws happen for rejected compositions too, so every attempt consumes the same randomness.
            ReeOxidePpmMol ree = reeFor(latent, random);
            if (siO2 < siRow.p0() || siO2 > siRow.p100()) {
                continue;
            }
            molPct[MajorOxide.SIO2.ordinal()] = siO2;
            return new LabelledSample(id, OxideMolPct.ofPaperOrder(molPct), ReeTargetsPpmMol.summing(ree),
                    SampleOrigin.SYNTHETIC);
        }
        throw new IllegalStateException("no composition within Table 1's SiO2 range after " + MAX_DRAWS_PER_SAMPLE
                + " draws");
    }

    private ReeOxidePpmMol reeFor(double[] latent, Random random) {
        double score = 0;
        for (int k = 0; k < latent.length; k++) {
            score += EFFECT_WEIGHTS[k] * latent[k];
        }
        score /= EFFECT_SD;
        double s = COMPOSITION_CORRELATION * score
                + Math.sqrt(1 - COMPOSITION_CORRELATION * COMPOSITION_CORRELATION) * random.nextGaussian();
        double total = totalQuantile.valueAt(StandardNormal.cdf(s));
        double sd = spec.elementNoiseLogSd();
        double[] ppmMol = new double[ReeOxide.COUNT];
        for (int i = 0; i < ReeOxide.COUNT; i++) {
            double noise = StrictMath.exp(sd * random.nextGaussian() - sd * sd / 2);
            ppmMol[i] = total * PATTERN_SHARES[i] * noise * spec.siteBias();
        }
        return ReeOxidePpmMol.ofPaperOrder(ppmMol);
    }

    private static double[] correlatedNormals(Random random) {
        int n = CHOLESKY.length;
        double[] independent = new double[n];
        for (int i = 0; i < n; i++) {
            independent[i] = random.nextGaussian();
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int j = 0; j <= i; j++) {
                v += CHOLESKY[i][j] * independent[j];
            }
            out[i] = v;
        }
        return out;
    }

    private static double[][] latentCorrelation() {
        int n = LATENT.size();
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            r[i][i] = 1.0;
        }
        for (Correlation c : LATENT_CORRELATIONS) {
            int a = LATENT.indexOf(c.a());
            int b = LATENT.indexOf(c.b());
            r[a][b] = c.r();
            r[b][a] = c.r();
        }
        return r;
    }

    private static double[] effectWeights() {
        double[] w = new double[LATENT.size()];
        for (int k = 0; k < LATENT.size(); k++) {
            w[k] = REE_EFFECT.getOrDefault(LATENT.get(k), 0.0);
        }
        return w;
    }

    /** sd of wᵀz under the copula correlation, so the composition score has unit variance. */
    private static double effectSd() {
        double[][] r = latentCorrelation();
        double[] w = effectWeights();
        double var = 0;
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                var += w[i] * r[i][j] * w[j];
            }
        }
        return Math.sqrt(var);
    }

    private static double[] patternShares() {
        double total = REE_PATTERN_PPM_MOL.values().stream().mapToDouble(Double::doubleValue).sum();
        double[] shares = new double[ReeOxide.COUNT];
        for (ReeOxide o : ReeOxide.values()) {
            shares[o.ordinal()] = REE_PATTERN_PPM_MOL.get(o) / total;
        }
        return shares;
    }
}
