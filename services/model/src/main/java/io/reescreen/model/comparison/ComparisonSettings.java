package io.reescreen.model.comparison;

import io.reescreen.model.training.TrainingRecipe;

import java.util.List;

/**
 * How the comparison is run.
 *
 * @param repetitions     stratified splits, each with its own seed (the paper: 30)
 * @param ensemble        recipe of the multi-task ensemble; the single networks use its settings with one member
 * @param thresholdPpmMol screening threshold on total REE, ppm mol (the paper: 157)
 * @param noiseLevels     relative Gaussian input noise for the sensitivity test (the paper: 0.02 and 0.04)
 * @param noiseDraws      noisy copies of each test row per level
 * @param seed            first split seed; repetition r uses seed + r
 */
public record ComparisonSettings(int repetitions, TrainingRecipe ensemble, double thresholdPpmMol,
                                 List<Double> noiseLevels, int noiseDraws, long seed) {

    public ComparisonSettings {
        noiseLevels = List.copyOf(noiseLevels);
        if (repetitions < 1 || noiseDraws < 1 || !(thresholdPpmMol > 0)) {
            throw new IllegalArgumentException("repetitions >= 1, noise draws >= 1, threshold > 0");
        }
        for (double level : noiseLevels) {
            if (!(level > 0)) {
                throw new IllegalArgumentException("noise levels must be > 0, got " + level);
            }
        }
    }

    public static ComparisonSettings paper() {
        return new ComparisonSettings(30, TrainingRecipe.paper(), 157.0, List.of(0.02, 0.04), 50, 0L);
    }

    public ComparisonSettings withRepetitions(int n) {
        return new ComparisonSettings(n, ensemble, thresholdPpmMol, noiseLevels, noiseDraws, seed);
    }

    public ComparisonSettings withEnsemble(TrainingRecipe recipe) {
        return new ComparisonSettings(repetitions, recipe, thresholdPpmMol, noiseLevels, noiseDraws, seed);
    }
}
