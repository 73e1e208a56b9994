package io.reescreen.model.predict;

import java.util.List;

/**
 * A lot's targets over its members x noise draws: each one's mean, sd and 5-95 % bounds, and how many draws of the
 * total reach the threshold. Reused lot after lot by one thread (its buffers are a batch's, not a lot's).
 *
 * <p>Four targets go through each pass side by side. A target's sum still adds its draws one by one in the order it
 * always had, so every figure is the same to the bit; but one sum alone waits on each addition's latency, while four
 * independent ones keep the core busy.
 */
final class TargetDraws {

    private static final int TOTAL = 0;
    private static final int SIDE_BY_SIDE = 4;

    private final int members;
    private final int samples;
    private final int outputs;
    private final int draws;
    private final double[] targetMean;
    private final double[] targetStd;
    private final double[][] values = new double[SIDE_BY_SIDE][];
    private final double[] min = new double[SIDE_BY_SIDE];
    private final double[] max = new double[SIDE_BY_SIDE];
    private final double[] mean = new double[SIDE_BY_SIDE];
    private final double[] squares = new double[SIDE_BY_SIDE];
    private final double[] interval = new double[2];
    private final OrderStatistics.Scratch bounds = new OrderStatistics.Scratch();
    private int totalAtOrAbove;

    /**
     * @param targetMean the target scaler's mean per output (ppm mol); with {@code targetStd}, a standardised output z
     *                   is z * std + mean, as {@code StandardScaler.inverse} gives it
     */
    TargetDraws(int members, int samples, int outputs, double[] targetMean, double[] targetStd) {
        this.members = members;
        this.samples = samples;
        this.outputs = outputs;
        this.draws = members * samples;
        this.targetMean = targetMean.clone();
        this.targetStd = targetStd.clone();
        for (int t = 0; t < SIDE_BY_SIDE; t++) {
            values[t] = new double[draws];
        }
    }

    /**
     * Adds the estimate of every target to {@code out}, in output order.
     *
     * @param z              standardised outputs [member][output][row] of a forward call of {@code callRows} rows
     * @param firstRow       the lot's first noise row in that call
     * @param residualFactor per (member, draw), what each draw is multiplied by; null for none. The mean stays the
     *                       ensemble's: the factors widen the spread, not its centre
     * @param threshold      total REE, ppm mol, counted by {@link #totalAtOrAboveThreshold()}
     */
    void summarise(float[] z, int callRows, int firstRow, double[] residualFactor, double threshold,
                   List<String> names, List<TargetEstimate> out) {
        int j = 0;
        for (; j + SIDE_BY_SIDE <= outputs; j += SIDE_BY_SIDE) {
            fourTargets(z, callRows, firstRow, j, residualFactor);
            if (j == TOTAL) {
                totalAtOrAbove = countAtOrAbove(values[0], threshold);
            }
            for (int t = 0; t < SIDE_BY_SIDE; t++) {
                out.add(estimate(names.get(j + t), t));
            }
        }
        for (; j < outputs; j++) {
            oneTarget(z, callRows, firstRow, j, residualFactor);
            if (j == TOTAL) {
                totalAtOrAbove = countAtOrAbove(values[0], threshold);
            }
            out.add(estimate(names.get(j), 0));
        }
    }

    /** Of the total's draws in the last {@link #summarise}, how many are at or above its threshold. */
    int totalAtOrAboveThreshold() {
        return totalAtOrAbove;
    }

    int draws() {
        return draws;
    }

    private TargetEstimate estimate(String name, int t) {
        bounds.bounds(values[t], draws, min[t], max[t], 0.05, 0.95, interval);
        return new TargetEstimate(name, mean[t], Math.sqrt(squares[t] / Math.max(1, draws - 1)), interval[0], interval[1]);
    }

    /** Targets j to j + 3: values, sums, min and max in one pass; the squares about the means in a second. */
    private void fourTargets(float[] z, int callRows, int firstRow, int j, double[] factor) {
        double[] a0 = values[0];
        double[] a1 = values[1];
        double[] a2 = values[2];
        double[] a3 = values[3];
        double m0 = targetMean[j];
        double m1 = targetMean[j + 1];
        double m2 = targetMean[j + 2];
        double m3 = targetMean[j + 3];
        double d0 = targetStd[j];
        double d1 = targetStd[j + 1];
        double d2 = targetStd[j + 2];
        double d3 = targetStd[j + 3];
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        double lo0 = Double.POSITIVE_INFINITY;
        double lo1 = Double.POSITIVE_INFINITY;
        double lo2 = Double.POSITIVE_INFINITY;
        double lo3 = Double.POSITIVE_INFINITY;
        double hi0 = Double.NEGATIVE_INFINITY;
        double hi1 = Double.NEGATIVE_INFINITY;
        double hi2 = Double.NEGATIVE_INFINITY;
        double hi3 = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < members; k++) {
            int f0 = (k * outputs + j) * callRows + firstRow;
            int f1 = f0 + callRows;
            int f2 = f1 + callRows;
            int f3 = f2 + callRows;
            int at = k * samples;
            for (int s = 0; s < samples; s++) {
                double v0 = z[f0 + s] * d0 + m0;
                double v1 = z[f1 + s] * d1 + m1;
                double v2 = z[f2 + s] * d2 + m2;
                double v3 = z[f3 + s] * d3 + m3;
                sum0 += v0;
                sum1 += v1;
                sum2 += v2;
                sum3 += v3;
                if (factor != null) {
                    double f = factor[at + s];
                    v0 *= f;
                    v1 *= f;
                    v2 *= f;
                    v3 *= f;
                }
                a0[at + s] = v0;
                a1[at + s] = v1;
                a2[at + s] = v2;
                a3[at + s] = v3;
                lo0 = Math.min(lo0, v0);
                lo1 = Math.min(lo1, v1);
                lo2 = Math.min(lo2, v2);
                lo3 = Math.min(lo3, v3);
                hi0 = Math.max(hi0, v0);
                hi1 = Math.max(hi1, v1);
                hi2 = Math.max(hi2, v2);
                hi3 = Math.max(hi3, v3);
            }
        }
        double mean0 = sum0 / draws;
        double mean1 = sum1 / draws;
        double mean2 = sum2 / draws;
        double mean3 = sum3 / draws;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        for (int i = 0; i < draws; i++) {
            double e0 = a0[i] - mean0;
            double e1 = a1[i] - mean1;
            double e2 = a2[i] - mean2;
            double e3 = a3[i] - mean3;
            q0 += e0 * e0;
            q1 += e1 * e1;
            q2 += e2 * e2;
            q3 += e3 * e3;
        }
        mean[0] = mean0;
        mean[1] = mean1;
        mean[2] = mean2;
        mean[3] = mean3;
        squares[0] = q0;
        squares[1] = q1;
        squares[2] = q2;
        squares[3] = q3;
        min[0] = lo0;
        min[1] = lo1;
        min[2] = lo2;
        min[3] = lo3;
        max[0] = hi0;
        max[1] = hi1;
        max[2] = hi2;
        max[3] = hi3;
    }

    /** The same for one target j (the outputs left over by fours), into slot 0. */
    private void oneTarget(float[] z, int callRows, int firstRow, int j, double[] factor) {
        double[] a = values[0];
        double m = targetMean[j];
        double d = targetStd[j];
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < members; k++) {
            int from = (k * outputs + j) * callRows + firstRow;
            int at = k * samples;
            for (int s = 0; s < samples; s++) {
                double v = z[from + s] * d + m;
                sum += v;
                if (factor != null) {
                    v *= factor[at + s];
                }
                a[at + s] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double centre = sum / draws;
        double q = 0;
        for (int i = 0; i < draws; i++) {
            double e = a[i] - centre;
            q += e * e;
        }
        mean[0] = centre;
        squares[0] = q;
        min[0] = lo;
        max[0] = hi;
    }

    private int countAtOrAbove(double[] v, double threshold) {
        int count = 0;
        for (int i = 0; i < draws; i++) {
            count += v[i] >= threshold ? 1 : 0;
        }
        return count;
    }
}
