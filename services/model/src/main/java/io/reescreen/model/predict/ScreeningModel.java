package io.reescreen.model.predict;

import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.Gaussian;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.units.FeatureSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A trained ensemble ready to screen lots: inputs in mol % of the model's features, outputs in ppm by
 * mole. Each lot costs one forward call for all members (plain Java or the engine, {@code ForwardPath}): its
 * Monte-Carlo noise draws and its 2^n Shapley coalitions go through the ensemble as one batch.
 */
public final class ScreeningModel implements AutoCloseable {

    /** Rows per forward call; bounds memory (members x rows x 20 floats) when scoring large batches. */
    private static final int MAX_ROWS_PER_CALL = 8_192;
    private static final int TOTAL = 0;

    private final FeatureSet features;
    private final StandardScaler inputScaler;
    private final StandardScaler targetScaler;
    private final TrainingDomain domain;
    private final BatchedEnsemble ensemble;
    private final double residualRelativeSd;
    private final double residualLogSd;
    private final double[] shapleyWeights;
    /** The input scaler's mean and std, read per noise row without the scaler's per-row array. */
    private final double[] inputMean;
    private final double[] inputStd;
    /** The target scaler's, to read the outputs in ppm mol without a call per value. */
    private final double[] targetMean;
    private final double[] targetStd;
    private final double totalMean;
    private final double totalStd;

    /** A model whose intervals reflect the ensemble and the input noise only (no residual term). */
    public ScreeningModel(FeatureSet features, StandardScaler inputScaler, StandardScaler targetScaler,
                          TrainingDomain domain, BatchedEnsemble ensemble) {
        this(features, inputScaler, targetScaler, domain, ensemble, 0);
    }

    /**
     * @param residualRelativeSd 1-sigma of the relative error (truth - prediction) / prediction that the ensemble
     *                           does not see in itself, estimated out of sample (held-out rows, or cross-validation
     *                           on a new site); widens intervals and P(high) so they cover what the model gets wrong
     */
    public ScreeningModel(FeatureSet features, StandardScaler inputScaler, StandardScaler targetScaler,
                          TrainingDomain domain, BatchedEnsemble ensemble, double residualRelativeSd) {
        this(features, inputScaler, targetScaler, domain, ensemble, residualRelativeSd, 0);
    }

    /**
     * @param residualRelativeSd as above: the additive-relative term of models made before the log-scale one
     *                           (each draw times max(0, 1 + sd z)); kept so their releases predict as they did
     * @param residualLogSd      1-sigma of ln(truth / prediction) not seen by the ensemble, as
     *                           {@link IntervalCalibration} sets it from held-out rows: each draw times exp(sd z).
     *                           At most one of the two is non-zero
     */
    public ScreeningModel(FeatureSet features, StandardScaler inputScaler, StandardScaler targetScaler,
                          TrainingDomain domain, BatchedEnsemble ensemble, double residualRelativeSd, double residualLogSd) {
        if (!(residualRelativeSd >= 0) || !Double.isFinite(residualRelativeSd)) {
            throw new IllegalArgumentException("residual relative sd must be finite and >= 0, got " + residualRelativeSd);
        }
        if (!(residualLogSd >= 0) || !Double.isFinite(residualLogSd)) {
            throw new IllegalArgumentException("residual log sd must be finite and >= 0, got " + residualLogSd);
        }
        if (residualRelativeSd > 0 && residualLogSd > 0) {
            throw new IllegalArgumentException("a model has one residual term, relative or log-scale, not both");
        }
        int n = features.size();
        if (inputScaler.columns() != n || domain.mean().length != n || ensemble.shape().inputs() != n) {
            throw new IllegalArgumentException("features, input scaler, domain and network disagree on the inputs");
        }
        if (targetScaler.columns() != ensemble.shape().outputs() || ensemble.shape().outputs() != ReeTargetsPpmMol.NAMES.size()) {
            throw new IllegalArgumentException("the network must predict the 17 targets " + ReeTargetsPpmMol.NAMES);
        }
        if (n > 10) {
            throw new IllegalArgumentException("exact Shapley values are for at most 10 inputs, got " + n);
        }
        this.features = features;
        this.inputScaler = inputScaler;
        this.targetScaler = targetScaler;
        this.domain = domain;
        this.ensemble = ensemble;
        this.residualRelativeSd = residualRelativeSd;
        this.residualLogSd = residualLogSd;
        this.shapleyWeights = shapleyWeights(n);
        this.inputMean = inputScaler.mean();
        this.inputStd = inputScaler.std();
        this.targetMean = targetScaler.mean();
        this.targetStd = targetScaler.std();
        this.totalMean = targetMean[TOTAL];
        this.totalStd = targetStd[TOTAL];
    }

    public FeatureSet features() {
        return features;
    }

    public TrainingDomain domain() {
        return domain;
    }

    public double residualRelativeSd() {
        return residualRelativeSd;
    }

    public double residualLogSd() {
        return residualLogSd;
    }

    /**
     * The same networks with another residual term. The two models share the ensemble: close only one of them
     * (closing either frees the weights).
     */
    public ScreeningModel sharingEnsembleWithResidual(double newResidualRelativeSd) {
        return new ScreeningModel(features, inputScaler, targetScaler, domain, ensemble, newResidualRelativeSd, 0);
    }

    /** As {@link #sharingEnsembleWithResidual}, with the log-scale term (and no relative one). */
    public ScreeningModel sharingEnsembleWithLogResidual(double newResidualLogSd) {
        return new ScreeningModel(features, inputScaler, targetScaler, domain, ensemble, 0, newResidualLogSd);
    }

    public BatchedEnsemble ensemble() {
        return ensemble;
    }

    public StandardScaler inputScaler() {
        return inputScaler;
    }

    public StandardScaler targetScaler() {
        return targetScaler;
    }

    public LotPrediction predict(double[] inputsMolPct, double[] sigmaMolPct, PredictionSettings settings) {
        return predictBatch(new double[][] {inputsMolPct}, new double[][] {sigmaMolPct}, settings).get(0);
    }

    /**
     * @param sigmaMolPct per lot, the 1-sigma of each input in mol %; a null row (or null entry) falls back
     *                    to {@link PredictionSettings#defaultRelativeSigma()} of the value
     */
    public List<LotPrediction> predictBatch(double[][] inputsMolPct, double[][] sigmaMolPct, PredictionSettings settings) {
        List<LotPrediction> out = new ArrayList<>(inputsMolPct.length);
        LotScratch scratch = new LotScratch(new TargetDraws(ensemble.shape().members(), settings.noiseSamples(),
                ensemble.shape().outputs(), targetMean, targetStd), features.size());
        forEachLot(inputsMolPct, sigmaMolPct, settings,
                (z, callRows, firstRow, lot) -> out.add(summarise(z, callRows, firstRow, inputsMolPct[lot], settings, scratch)));
        return out;
    }

    /**
     * Per lot, the total REE in ppm mol of every (member, input-noise draw) before any residual term, in the order
     * {@link #predictBatch} draws them (member-major), with the default input sigmas: what {@link IntervalCalibration}
     * widens. The lot's prediction is these values times the residual factors.
     */
    public double[][] totalReeDraws(double[][] inputsMolPct, PredictionSettings settings) {
        int members = ensemble.shape().members();
        int outputs = ensemble.shape().outputs();
        int samples = settings.noiseSamples();
        double[][] out = new double[inputsMolPct.length][];
        forEachLot(inputsMolPct, null, settings, (z, callRows, firstRow, lot) -> {
            double[] values = new double[members * samples];
            for (int k = 0; k < members; k++) {
                for (int s = 0; s < samples; s++) {
                    values[k * samples + s] = targetScaler.inverse(TOTAL, z[(k * outputs + TOTAL) * callRows + firstRow + s]);
                }
            }
            out[lot] = values;
        });
        return out;
    }

    /**
     * What one forward call gives for one lot: standardised outputs [member][output][row], the call's rows, the lot's
     * first row, its index.
     */
    private interface LotOutputs {
        void accept(float[] z, int callRows, int firstRow, int lot);
    }

    private void forEachLot(double[][] inputsMolPct, double[][] sigmaMolPct, PredictionSettings settings, LotOutputs sink) {
        int n = features.size();
        int rowsPerLot = settings.noiseSamples() + (1 << n);
        // In Java one lot per call: a lot's activations (128 rows x 30 members) stay in the core's cache, where 64 lots'
        // did not (0.26 against 0.28-0.30 ms per lot at batch 64, module README); the engine pays per call, so it
        // takes as many lots as fit.
        int lotsPerCall = ensemble.forwardsInJava(rowsPerLot) ? 1 : Math.max(1, MAX_ROWS_PER_CALL / rowsPerLot);
        double[] row = new double[n];
        for (int from = 0; from < inputsMolPct.length; from += lotsPerCall) {
            int lots = Math.min(lotsPerCall, inputsMolPct.length - from);
            float[] x = new float[lots * rowsPerLot * n];
            for (int l = 0; l < lots; l++) {
                double[] lot = checked(inputsMolPct[from + l]);
                double[] sigma = sigmaFor(lot, sigmaMolPct == null ? null : sigmaMolPct[from + l], settings);
                // Seeded by the lot itself, so a lot's prediction does not depend on its batch or position.
                SplittableRandom random = new SplittableRandom(settings.seed() ^ Arrays.hashCode(lot));
                fillRows(x, l * rowsPerLot, lot, sigma, settings.noiseSamples(), random, row);
            }
            float[] z = ensemble.predictStandardisedByOutput(x, lots * rowsPerLot);
            for (int l = 0; l < lots; l++) {
                sink.accept(z, lots * rowsPerLot, l * rowsPerLot, from + l);
            }
        }
    }

    /** The ensemble mean at each composition, no input noise: [row][target] in ppm mol (for evaluation). */
    public double[][] pointPredictions(double[][] inputsMolPct) {
        int n = features.size();
        int members = ensemble.shape().members();
        int outputs = ensemble.shape().outputs();
        double[][] out = new double[inputsMolPct.length][outputs];
        for (int from = 0; from < inputsMolPct.length; from += MAX_ROWS_PER_CALL) {
            int rows = Math.min(MAX_ROWS_PER_CALL, inputsMolPct.length - from);
            float[] x = new float[rows * n];
            for (int r = 0; r < rows; r++) {
                double[] zRow = inputScaler.transform(checked(inputsMolPct[from + r]));
                for (int j = 0; j < n; j++) {
                    x[r * n + j] = (float) zRow[j];
                }
            }
            float[] z = ensemble.predictStandardisedByOutput(x, rows);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < outputs; j++) {
                    double sum = 0;
                    for (int k = 0; k < members; k++) {
                        sum += targetScaler.inverse(j, z[(k * outputs + j) * rows + r]);
                    }
                    out[from + r][j] = sum / members;
                }
            }
        }
        return out;
    }

    private double[] checked(double[] lot) {
        if (lot.length != features.size()) {
            throw new IllegalArgumentException("expected " + features.size() + " inputs " + features + ", got " + lot.length);
        }
        for (double v : lot) {
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("inputs must be finite, non-negative mol %: " + Arrays.toString(lot));
            }
        }
        return lot;
    }

    private static double[] sigmaFor(double[] lot, double[] given, PredictionSettings settings) {
        double[] sigma = new double[lot.length];
        for (int j = 0; j < lot.length; j++) {
            boolean known = given != null && Double.isFinite(given[j]) && given[j] >= 0;
            sigma[j] = known ? given[j] : settings.defaultRelativeSigma() * lot[j];
        }
        return sigma;
    }

    /** Noise draws first, then every coalition: bit j set = input j at the lot's value, else at the median. */
    private void fillRows(float[] x, int firstRow, double[] lot, double[] sigma, int samples, SplittableRandom random,
                          double[] row) {
        int n = lot.length;
        double[] median = domain.median();
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < n; j++) {
                row[j] = Math.max(0, lot[j] + sigma[j] * Gaussian.draw(random));
            }
            putStandardised(x, firstRow + s, row);
        }
        for (int mask = 0; mask < (1 << n); mask++) {
            for (int j = 0; j < n; j++) {
                row[j] = (mask >> j & 1) == 1 ? lot[j] : median[j];
            }
            putStandardised(x, firstRow + samples + mask, row);
        }
    }

    /** As {@code inputScaler.transform(row)}, to the bit, written straight into the engine's rows. */
    private void putStandardised(float[] x, int row, double[] values) {
        int n = values.length;
        for (int j = 0; j < n; j++) {
            x[row * n + j] = (float) ((values[j] - inputMean[j]) / inputStd[j]);
        }
    }

    private LotPrediction summarise(float[] z, int callRows, int firstRow, double[] lot, PredictionSettings settings,
                                    LotScratch scratch) {
        int members = ensemble.shape().members();
        int outputs = ensemble.shape().outputs();
        int samples = settings.noiseSamples();
        int n = features.size();
        List<TargetEstimate> targets = new ArrayList<>(outputs);
        boolean widened = residualRelativeSd > 0 || residualLogSd > 0;
        TargetDraws draws = scratch.draws;
        draws.summarise(z, callRows, firstRow, widened ? residualFactors(lot, settings.seed(), scratch) : null,
                settings.thresholdTotalReePpmMol(), ReeTargetsPpmMol.NAMES, targets);
        double probHigh = draws.totalAtOrAboveThreshold() / (double) draws.draws();
        // Coalition means of the total over the members, each summed member by member as before; the masks innermost.
        double[] coalitionTotal = scratch.coalitionTotal;
        Arrays.fill(coalitionTotal, 0);
        for (int k = 0; k < members; k++) {
            int from = (k * outputs + TOTAL) * callRows + firstRow + samples;
            for (int mask = 0; mask < coalitionTotal.length; mask++) {
                coalitionTotal[mask] += z[from + mask] * totalStd + totalMean;
            }
        }
        for (int mask = 0; mask < coalitionTotal.length; mask++) {
            coalitionTotal[mask] /= members;
        }
        double distance = domain.mahalanobisDistance(lot);
        return new LotPrediction(targets, probHigh, settings.thresholdTotalReePpmMol(), distance, domain.isOutOfDomain(distance),
                coalitionTotal[coalitionTotal.length - 1], coalitionTotal[0], shapley(coalitionTotal, n), members, samples);
    }

    /**
     * One multiplicative residual draw per (member, noise sample), shared by the 17 targets: a site's error moves
     * the elements together. Seeded by the lot's composition, so a lot's interval does not depend on its batch.
     */
    private double[] residualFactors(double[] lot, long seed, LotScratch scratch) {
        double[] factors = scratch.residualFactors;
        double[] normals = residualNormals(scratch.normals, lot, seed);
        for (int i = 0; i < factors.length; i++) {
            factors[i] = residualLogSd > 0
                    ? Math.exp(residualLogSd * normals[i])
                    : Math.max(0, 1 + residualRelativeSd * normals[i]);
        }
        return factors;
    }

    /** The standard normals behind a lot's residual factors; {@link IntervalCalibration} widens with the same ones. */
    static double[] residualNormals(int count, double[] lot, long seed) {
        return residualNormals(new double[count], lot, seed);
    }

    private static double[] residualNormals(double[] normals, double[] lot, long seed) {
        SplittableRandom random = new SplittableRandom(~seed ^ Arrays.hashCode(lot));
        for (int i = 0; i < normals.length; i++) {
            normals[i] = Gaussian.draw(random);
        }
        return normals;
    }

    /** A batch's working arrays, reused lot after lot: a lot's summary allocates only what it returns. */
    private static final class LotScratch {
        final TargetDraws draws;
        final double[] residualFactors;
        final double[] normals;
        final double[] coalitionTotal;

        LotScratch(TargetDraws draws, int inputs) {
            this.draws = draws;
            residualFactors = new double[draws.draws()];
            normals = new double[draws.draws()];
            coalitionTotal = new double[1 << inputs];
        }
    }

    /** Exact Shapley values: phi_i = sum over coalitions S without i of |S|!(n-|S|-1)!/n! (v(S+i) - v(S)). */
    private double[] shapley(double[] value, int n) {
        double[] phi = new double[n];
        for (int mask = 0; mask < value.length; mask++) {
            int size = Integer.bitCount(mask);
            for (int i = 0; i < n; i++) {
                if ((mask >> i & 1) == 0) {
                    phi[i] += shapleyWeights[size] * (value[mask | 1 << i] - value[mask]);
                }
            }
        }
        return phi;
    }

    private static double[] shapleyWeights(int n) {
        double[] w = new double[n];
        for (int s = 0; s < n; s++) {
            w[s] = factorial(s) * factorial(n - s - 1) / factorial(n);
        }
        return w;
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    @Override
    public void close() {
        ensemble.close();
    }
}
