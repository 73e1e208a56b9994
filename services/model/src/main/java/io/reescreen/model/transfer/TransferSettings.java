package io.reescreen.model.transfer;

import io.reescreen.model.ensemble.ErrorAsymmetry;

/**
 * How a model is adapted to a new site from a few labelled lots.
 *
 * @param anchorStrength     L2-SP: pull of the output layer toward the pretrained one; replaces the
 *                           paper's weight decay toward zero, which on six rows forgets what the base knew
 * @param inputNoiseRelative training input noise as a fraction of each value (XRF precision)
 */
public record TransferSettings(int epochs, float learningRate, float anchorStrength, double inputNoiseRelative,
                               ErrorAsymmetry asymmetry, float asymmetryFactor, long seed) {

    public TransferSettings {
        if (epochs < 1 || !(learningRate > 0) || anchorStrength < 0 || inputNoiseRelative < 0 || !(asymmetryFactor >= 1)) {
            throw new IllegalArgumentException("epochs >= 1, learning rate > 0, anchor >= 0, noise >= 0, asymmetry factor >= 1");
        }
    }

    /** Starting values; the transfer benchmark on the Polish splits is where they are judged. */
    public static TransferSettings defaults() {
        return new TransferSettings(300, 5e-3f, 1e-2f, 0.03, ErrorAsymmetry.SYMMETRIC, 1f, 7L);
    }

    public TransferSettings withAsymmetry(ErrorAsymmetry side, float factor) {
        return new TransferSettings(epochs, learningRate, anchorStrength, inputNoiseRelative, side, factor, seed);
    }

    public TransferSettings withAnchorStrength(float strength) {
        return new TransferSettings(epochs, learningRate, strength, inputNoiseRelative, asymmetry, asymmetryFactor, seed);
    }

    public TransferSettings withEpochs(int n) {
        return new TransferSettings(n, learningRate, anchorStrength, inputNoiseRelative, asymmetry, asymmetryFactor, seed);
    }
}
