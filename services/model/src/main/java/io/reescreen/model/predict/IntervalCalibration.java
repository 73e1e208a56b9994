package io.reescreen.model.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The one rule that makes a model's 90 % interval honest, for base and transferred models alike: the ensemble's
 * spread and the input noise are widened by a log-normal residual term, each draw times exp(sd z), with sd set from
 * rows the model did not learn from. Errors of a REE prediction are multiplicative (a site's offset scales every
 * lot), hence the log.
 *
 * <p>Each held-out row's score is the smallest sd that covers it (found by bisection: widening only moves the bounds
 * outward; a row the ensemble already covers scores 0). With n rows:
 * <ul>
 *   <li>n &ge; 9: split-conformal with its finite-sample rank, the ceil(0.9 (n + 1))-th smallest score. A new row
 *       exchangeable with the n then falls inside with probability &ge; 90 %. (The ceil(0.9 n)-th, used before,
 *       gives ceil(0.9 n) / (n + 1): 82 % at n = 10.)</li>
 *   <li>n &le; 8 (a site's first lots): that rank is beyond the largest score, and ranks alone say nothing past the
 *       largest. The term is then the Gaussian predictive bound of the log errors ln(lab / prediction): a new
 *       error is within t(n) times their root mean square with probability 90 % (t(n) the 95 % quantile of
 *       Student's t with n degrees of freedom; the square is about 0, not about the errors' mean, so an offset the
 *       model did not learn counts in full), so sd = t(n) / 1.645 &times; rms. The ensemble's own spread comes on
 *       top (a little wider than needed).</li>
 * </ul>
 */
public final class IntervalCalibration {

    /** The share of held-out rows the 5–95 % interval must hold. */
    public static final double TARGET_COVERAGE = 0.90;
    /** exp(1.645 x 3) = 140: any row this far off is an outlier no sd should be stretched for beyond this. */
    static final double MAX_LOG_SD = 3.0;
    /** The standard normal's 95 % quantile: a 5–95 % interval's half-width in sds. */
    static final double Z_95 = 1.6448536269514722;
    /** Student's t 95 % quantile by degrees of freedom 1..8 (the rows of the Gaussian branch). */
    private static final double[] T_95 = {Double.NaN, 6.313751515, 2.919985580, 2.353363435, 2.131846786,
            2.015048373, 1.943180281, 1.894578605, 1.859548038};
    private static final int BISECTIONS = 40;

    /** The rule checked on rows it was not set from: coverage (0..1) and mean width (% of the prediction). */
    public record HeldOutCheck(int rows, double coverage90, double meanWidth90Pct) {
    }

    private final PredictionSettings settings;
    private final List<double[]> draws = new ArrayList<>();
    private final List<double[]> normals = new ArrayList<>();
    private final List<Double> truths = new ArrayList<>();
    private final List<Double> points = new ArrayList<>();
    private final List<Integer> groups = new ArrayList<>();
    private int nextGroup;

    /** @param settings the prediction settings the model will serve with (noise draws, seed) */
    public IntervalCalibration(PredictionSettings settings) {
        this.settings = settings;
    }

    /**
     * Adds rows {@code model} did not learn from (a held-out fifth, or a cross-validation fold), with their lab values.
     * The rows of one call are one group for {@link #heldOutCheck}.
     *
     * @param inputsMolPct         [row][feature], mol % of the model's features
     * @param truthTotalReePpmMol  each row's lab total REE, ppm mol
     */
    public IntervalCalibration add(ScreeningModel model, double[][] inputsMolPct, double[] truthTotalReePpmMol) {
        if (inputsMolPct.length != truthTotalReePpmMol.length) {
            throw new IllegalArgumentException(inputsMolPct.length + " rows but " + truthTotalReePpmMol.length + " lab values");
        }
        for (double truth : truthTotalReePpmMol) {
            if (!(truth >= 0) || !Double.isFinite(truth)) {
                throw new IllegalArgumentException("lab total REE must be finite and >= 0 ppm mol, got " + truth);
            }
        }
        double[][] rowDraws = model.totalReeDraws(inputsMolPct, settings);
        double[][] rowPoints = model.pointPredictions(inputsMolPct);
        int group = nextGroup++;
        for (int i = 0; i < inputsMolPct.length; i++) {
            addRow(rowDraws[i], ScreeningModel.residualNormals(rowDraws[i].length, inputsMolPct[i], settings.seed()),
                    truthTotalReePpmMol[i], rowPoints[i][0], group);
        }
        return this;
    }

    /** One row: its draws before the term, the normals the term multiplies, its lab value and point prediction. */
    void addRow(double[] rowDraws, double[] rowNormals, double truth, double point, int group) {
        draws.add(rowDraws);
        normals.add(rowNormals);
        truths.add(truth);
        points.add(point);
        groups.add(group);
        nextGroup = Math.max(nextGroup, group + 1);
    }

    public int rows() {
        return truths.size();
    }

    /** The log-scale residual sd of the rule (class comment) over the rows added; 0 without rows. */
    public double residualLogSd() {
        return ruleOver(IntStream.range(0, rows()).toArray(), this::score);
    }

    /** The rule over some of the rows; {@code score} gives a row's score (computed only if ranks are used). */
    private double ruleOver(int[] rows, IntToDoubleFunction score) {
        return ranksSuffice(rows.length) ? conformal(Arrays.stream(rows).mapToDouble(score).toArray())
                : gaussianBound(Arrays.stream(rows).mapToDouble(this::logError).toArray());
    }

    /** Whether n rows have a finite-sample conformal rank for 90 %, ceil(0.9 (n + 1)) <= n: from 9 rows on. */
    static boolean ranksSuffice(int n) {
        return n > 0 && rank(n) <= n;
    }

    private static int rank(int n) {
        return (int) Math.ceil(TARGET_COVERAGE * (n + 1) - 1e-9);
    }

    /** The ceil(0.9 (n + 1))-th smallest of n &ge; 9 scores (each the smallest sd that covers its row). */
    static double conformal(double[] scores) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        return sorted[rank(sorted.length) - 1];
    }

    /** t(n) / 1.645 times the root mean square of n &le; 8 log errors ln(lab / prediction); 0 without any. */
    static double gaussianBound(double[] logErrors) {
        int n = logErrors.length;
        if (n == 0) {
            return 0;
        }
        double squares = 0;
        for (double e : logErrors) {
            squares += e * e;
        }
        double bound = T_95[n] / Z_95 * Math.sqrt(squares / n);
        return Double.isFinite(bound) ? Math.min(MAX_LOG_SD, bound) : MAX_LOG_SD;
    }

    /**
     * The rule checked on rows it did not see: each group's rows (a cross-validation fold) inside their interval at
     * the sd the other groups' rows give. Empty with fewer than 2 groups.
     */
    public Optional<HeldOutCheck> heldOutCheck() {
        if (nextGroup < 2) {
            return Optional.empty();
        }
        double[] score = IntStream.range(0, rows()).mapToDouble(this::score).toArray();
        int inside = 0;
        double widthSum = 0;
        for (int g = 0; g < nextGroup; g++) {
            int group = g;
            int[] others = IntStream.range(0, rows()).filter(i -> groups.get(i) != group).toArray();
            double logSd = ruleOver(others, i -> score[i]);
            for (int i = 0; i < rows(); i++) {
                if (groups.get(i) == group) {
                    double[] bounds = bounds(i, logSd);
                    inside += truths.get(i) >= bounds[0] && truths.get(i) <= bounds[1] ? 1 : 0;
                    widthSum += 100 * (bounds[1] - bounds[0]) / points.get(i);
                }
            }
        }
        return Optional.of(new HeldOutCheck(rows(), inside / (double) rows(), widthSum / rows()));
    }

    /** Share (0..1) of the rows added inside their 5–95 % interval widened by {@code logSd}. */
    public double coverage(double logSd) {
        int inside = 0;
        for (int i = 0; i < truths.size(); i++) {
            inside += covers(i, logSd) ? 1 : 0;
        }
        return truths.isEmpty() ? Double.NaN : inside / (double) truths.size();
    }

    /** ln(lab / prediction); a lab value of 0 or a prediction &le; 0 has none: infinite, the term goes to its cap. */
    private double logError(int i) {
        return truths.get(i) > 0 && points.get(i) > 0 ? Math.log(truths.get(i) / points.get(i)) : Double.POSITIVE_INFINITY;
    }

    /** The smallest sd (to 2^-40 of {@link #MAX_LOG_SD}) at which row i's lab value is inside its interval. */
    private double score(int i) {
        if (covers(i, 0)) {
            return 0;
        }
        if (!covers(i, MAX_LOG_SD)) {
            return MAX_LOG_SD;
        }
        double low = 0;
        double high = MAX_LOG_SD;
        for (int b = 0; b < BISECTIONS; b++) {
            double mid = (low + high) / 2;
            if (covers(i, mid)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    private boolean covers(int i, double logSd) {
        double[] bounds = bounds(i, logSd);
        double truth = truths.get(i);
        return truth >= bounds[0] && truth <= bounds[1];
    }

    /** Row i's 5 % and 95 % bounds with the term at {@code logSd}, as the served prediction computes them. */
    private double[] bounds(int i, double logSd) {
        double[] d = draws.get(i);
        double[] z = normals.get(i);
        double[] values = new double[d.length];
        for (int k = 0; k < d.length; k++) {
            values[k] = logSd > 0 ? d[k] * Math.exp(logSd * z[k]) : d[k];
        }
        return OrderStatistics.bounds(values, 0.05, 0.95);
    }
}
