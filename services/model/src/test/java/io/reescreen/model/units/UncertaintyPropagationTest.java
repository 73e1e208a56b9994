package io.reescreen.model.units;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * First-order propagation of 1σ through wt% → mol %, checked against a numerical Jacobian and against Monte
 * Carlo on the full pipeline (including SiO2 by difference, whose anti-correlation with the rest matters).
 */
class UncertaintyPropagationTest {

    private static final double[] WT = {55.0, 25.0, 5.0, 8.0, 1.5, 0.8, 2.0, 1.2, 0.3, 0.05};
    private static final double[] SIGMA = {1.1, 0.75, 0.15, 0.24, 0.06, 0.04, 0.08, 0.05, 0.015, 0.005};

    private static OxideWtPctReading reading(double[] wt, double[] sigma, boolean withSilica) {
        OxideWtPctReading.Builder b = OxideWtPctReading.builder();
        for (MajorOxide o : MajorOxide.values()) {
            if (o != MajorOxide.SIO2 || withSilica) {
                b.measured(o, wt[o.ordinal()], sigma[o.ordinal()]);
            }
        }
        return b.build();
    }

    @Test
    void linearSigmaMatchesANumericalJacobian() {
        OxideMolPct mol = reading(WT, SIGMA, true).resolve(ReadingPolicy.rejectMissing()).toMolPct();
        double[][] numeric = new double[MajorOxide.COUNT][MajorOxide.COUNT];
        for (int k = 0; k < MajorOxide.COUNT; k++) {
            double h = 1e-6 * Math.max(WT[k], 1e-3);
            double[] up = WT.clone();
            double[] down = WT.clone();
            up[k] += h;
            down[k] -= h;
            double[] a = OxideWtPct.ofPaperOrder(up).toMolPct().toArrayMolPct();
            double[] b = OxideWtPct.ofPaperOrder(down).toMolPct().toArrayMolPct();
            for (int i = 0; i < MajorOxide.COUNT; i++) {
                numeric[i][k] = (a[i] - b[i]) / (2 * h);
            }
        }
        for (MajorOxide o : MajorOxide.values()) {
            double variance = 0;
            for (int k = 0; k < MajorOxide.COUNT; k++) {
                variance += Math.pow(numeric[o.ordinal()][k] * SIGMA[k], 2);
            }
            assertEquals(Math.sqrt(variance), mol.sigmaMolPct(o), 1e-6 * Math.sqrt(variance) + 1e-12, o.formula());
        }
    }

    @Test
    void closedCompositionsHaveCovarianceRowsSummingToZero() {
        double[][] c = reading(WT, SIGMA, false).resolve(ReadingPolicy.byDifference(MajorOxide.SIO2))
                .toMolPct().covarianceMolPct2();
        for (double[] row : c) {
            double s = 0;
            for (double v : row) {
                s += v;
            }
            assertEquals(0.0, s, 1e-12);
        }
    }

    @Test
    void linearSigmaMatchesMonteCarloWithSilicaByDifference() {
        OxideMolPct linear = reading(WT, SIGMA, false).resolve(ReadingPolicy.byDifference(MajorOxide.SIO2))
                .toMolPct();
        Random random = new Random(7L);
        int draws = 40_000;
        double[] sum = new double[MajorOxide.COUNT];
        double[] sumSq = new double[MajorOxide.COUNT];
        for (int n = 0; n < draws; n++) {
            double[] noisy = new double[MajorOxide.COUNT];
            for (int k = 1; k < MajorOxide.COUNT; k++) {
                noisy[k] = Math.max(0, WT[k] + SIGMA[k] * random.nextGaussian());
            }
            double[] mol = reading(noisy, new double[MajorOxide.COUNT], false)
                    .resolve(ReadingPolicy.byDifference(MajorOxide.SIO2)).toMolPct().toArrayMolPct();
            for (int i = 0; i < mol.length; i++) {
                sum[i] += mol[i];
                sumSq[i] += mol[i] * mol[i];
            }
        }
        for (MajorOxide o : MajorOxide.values()) {
            int i = o.ordinal();
            double mean = sum[i] / draws;
            double sd = Math.sqrt(sumSq[i] / draws - mean * mean);
            assertEquals(linear.sigmaMolPct(o), sd, 0.03 * sd, o.formula());
        }
    }

    @Test
    void ignoringTheByDifferenceCorrelationWouldBeDetected() {
        // Guard that the Monte-Carlo test above can fail: with SiO2 treated as an independent measurement of the
        // same σ, Al2O3's mol % σ differs by more than the 3 % tolerance used there.
        OxideMolPct correlated = reading(WT, SIGMA, false).resolve(ReadingPolicy.byDifference(MajorOxide.SIO2))
                .toMolPct();
        double[] sigma = SIGMA.clone();
        double[] wt = WT.clone();
        wt[0] = correlated.toWtPct().wtPct(MajorOxide.SIO2);
        sigma[0] = reading(WT, SIGMA, false).resolve(ReadingPolicy.byDifference(MajorOxide.SIO2))
                .sigmaWtPct(MajorOxide.SIO2);
        OxideMolPct independent = reading(wt, sigma, true).resolve(ReadingPolicy.rejectMissing()).toMolPct();
        double a = correlated.sigmaMolPct(MajorOxide.AL2O3);
        double b = independent.sigmaMolPct(MajorOxide.AL2O3);
        assertEquals(true, Math.abs(a - b) > 0.03 * a, "correlated " + a + " vs independent " + b);
    }

    @Test
    void sigmaSurvivesTheRoundTripToWtPct() {
        OxideWtPct wt = reading(WT, SIGMA, true).resolve(ReadingPolicy.rejectMissing()).renormalised();
        OxideWtPct back = wt.toMolPct().toWtPct();
        for (MajorOxide o : MajorOxide.values()) {
            assertEquals(wt.sigmaWtPct(o), back.sigmaWtPct(o), 1e-9 * wt.sigmaWtPct(o) + 1e-15, o.formula());
        }
    }
}
