package io.reescreen.model.predict;

/**
 * @param noiseSamples                 Monte-Carlo draws of the input per member (the reading's own sigmas)
 * @param thresholdTotalReePpmMol      screening threshold on total REE, ppm by mole of REE oxides
 * @param defaultRelativeSigma         input 1-sigma as a fraction of the value where a reading gives none
 * @param seed                         fixes the Monte-Carlo draws
 */
public record PredictionSettings(int noiseSamples, double thresholdTotalReePpmMol, double defaultRelativeSigma, long seed) {

    public PredictionSettings {
        if (noiseSamples < 1 || !(thresholdTotalReePpmMol > 0) || defaultRelativeSigma < 0) {
            throw new IllegalArgumentException("noise samples >= 1, threshold > 0, default sigma >= 0");
        }
    }

    /** 64 draws, the paper's 157 ppm mol (its dataset median), 3 % relative XRF precision. */
    public static PredictionSettings defaults() {
        return new PredictionSettings(64, 157.0, 0.03, 20_240_157L);
    }

    public PredictionSettings withThreshold(double ppmMol) {
        return new PredictionSettings(noiseSamples, ppmMol, defaultRelativeSigma, seed);
    }

    public PredictionSettings withNoiseSamples(int samples) {
        return new PredictionSettings(samples, thresholdTotalReePpmMol, defaultRelativeSigma, seed);
    }
}
