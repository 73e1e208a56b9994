package io.reescreen.model.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one rule that makes a model's 90 % interval honest, for base and transferred models alike (split-conformal on
 * a log scale): the ensemble's spread and the input noise are widened by a log-normal residual term, each draw times
 * exp(sd z), with the smallest sd at which at least 90 % of rows the model did not learn from fall inside their
 * 5–95 % interval. Errors of a REE prediction are multiplicative (a site's offset scales every lot), hence the log.
 *
 * <p>Each held-out row's score is the smallest sd that covers it (found by bisection: widening only moves the
 * bounds outward); the rule's sd is the ceil(0.9 n)-th smallest score. A row the ensemble already covers scores 0,
 * so an ensemble that is honest on its own is not widened.
 */
public final class IntervalCalibration {

    /** The share of held-out rows the 5–95 % interval must hold. */
    public static final double TARGET_COVERAGE = 0.90;
    /** exp(1.645 x 3) = 140: any row this far off is an outlier no sd should be stretched for beyond this. */
    static final double MAX_LOG_SD = 3.0;
    private static final int BISECTIONS = 40;

    private final PredictionSettings settings;
    private final List<double[]> draws = new ArrayList<>();
    private final List<double[]> normals = new ArrayList<>();
    private final List<Double> truths = new ArrayList<>();

    /** @param settings the prediction settings the model will serve with (noise draws, seed) */
    public IntervalCalibration(PredictionSettings settings) {
        this.settings = settings;
    }

    /**
     * Adds rows {@code model} did not learn from (a held-out fifth, or a cross-validation fold), with their lab values.
     *
     * @param inputsMolPct         [row][feature], mol % of the model's features
     * @param truthTotalReePpmMol  each row's lab total REE, ppm mol
     */
    public IntervalCalibration add(ScreeningModel model, double[][] inputsMolPct, double[] truthTotalReePpmMol) {
        if (inputsMolPct.length != truthTotalReePpmMol.length) {
            throw new IllegalArgumentException(inputsMolPct.length + " rows but " + truthTotalReePpmMol.length + " lab values");
        }
        double[][] rowDraws = model.totalReeDraws(inputsMolPct, settings);
        for (int i = 0; i < inputsMolPct.length; i++) {
            if (!(truthTotalReePpmMol[i] >= 0) || !Double.isFinite(truthTotalReePpmMol[i])) {
                throw new IllegalArgumentException("lab total REE must be finite and >= 0 ppm mol, got " + truthTotalReePpmMol[i]);
            }
            draws.add(rowDraws[i]);
            normals.add(ScreeningModel.residualNormals(rowDraws[i].length, inputsMolPct[i], settings.seed()));
            truths.add(truthTotalReePpmMol[i]);
        }
        return this;
    }

    public int rows() {
        return truths.size();
    }

    /** The smallest log-scale residual sd whose intervals hold at least 90 % of the rows added; 0 without rows. */
    public double residualLogSd() {
        int n = truths.size();
        if (n == 0) {
            return 0;
        }
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = score(i);
        }
        Arrays.sort(scores);
        int needed = (int) Math.ceil(TARGET_COVERAGE * n - 1e-9);
        return scores[Math.max(0, needed - 1)];
    }

    /** Share (0..1) of the rows added inside their 5–95 % interval widened by {@code logSd}. */
    public double coverage(double logSd) {
        int inside = 0;
        for (int i = 0; i < truths.size(); i++) {
            inside += covers(i, logSd) ? 1 : 0;
        }
        return truths.isEmpty() ? Double.NaN : inside / (double) truths.size();
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
        double[] d = draws.get(i);
        double[] z = normals.get(i);
        double[] values = new double[d.length];
        for (int k = 0; k < d.length; k++) {
            values[k] = logSd > 0 ? d[k] * Math.exp(logSd * z[k]) : d[k];
        }
        double truth = truths.get(i);
        return truth >= OrderStatistics.quantile(values, 0.05) && truth <= OrderStatistics.quantile(values, 0.95);
    }
}
