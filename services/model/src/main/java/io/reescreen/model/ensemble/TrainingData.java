package io.reescreen.model.ensemble;

/**
 * Training rows in the network's units: standardised inputs and targets, the standard deviation of the
 * input noise per row and input (standardised units), and the multi-task loss weights.
 *
 * @param lossWeights one weight per target; the paper weights each target's MSE by the target's mean
 */
public record TrainingData(double[][] inputs, double[][] targets, double[][] inputNoiseSd, double[] lossWeights) {

    public TrainingData {
        if (inputs.length != targets.length || inputs.length != inputNoiseSd.length) {
            throw new IllegalArgumentException("inputs, targets and noise need one row each: "
                    + inputs.length + ", " + targets.length + ", " + inputNoiseSd.length);
        }
        if (inputs.length < 2) {
            throw new IllegalArgumentException("BatchNorm needs at least 2 training rows, got " + inputs.length);
        }
        if (lossWeights.length != targets[0].length) {
            throw new IllegalArgumentException("one loss weight per target: " + lossWeights.length + " vs " + targets[0].length);
        }
    }

    /**
     * From rows in their physical units (inputs in mol %, targets in ppm mol), with Gaussian input noise of
     * {@code noiseRelative} times each input's own value, and the paper's mean-weighted loss.
     */
    public static TrainingData of(double[][] inputsMolPct, double[][] targetsPpmMol, StandardScaler inputScaler,
                                  StandardScaler targetScaler, double noiseRelative) {
        double[] inputStd = inputScaler.std();
        double[][] noise = new double[inputsMolPct.length][];
        for (int i = 0; i < inputsMolPct.length; i++) {
            noise[i] = new double[inputsMolPct[i].length];
            for (int j = 0; j < noise[i].length; j++) {
                noise[i][j] = noiseRelative * Math.abs(inputsMolPct[i][j]) / inputStd[j];
            }
        }
        return new TrainingData(inputScaler.transform(inputsMolPct), targetScaler.transform(targetsPpmMol), noise,
                meanWeights(targetsPpmMol));
    }

    /** The paper's multi-task weights: each target's mean over the training rows. */
    public static double[] meanWeights(double[][] targets) {
        double[] weights = new double[targets[0].length];
        for (double[] row : targets) {
            for (int j = 0; j < row.length; j++) {
                weights[j] += row[j] / targets.length;
            }
        }
        return weights;
    }

    public int rows() {
        return inputs.length;
    }
}
