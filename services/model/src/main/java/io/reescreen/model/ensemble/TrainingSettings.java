package io.reescreen.model.ensemble;

/**
 * How an ensemble is trained. The defaults are the paper's: Adam with learning rate 1e-3 and (coupled,
 * PyTorch-style) weight decay 1e-2, batch 10, 500 epochs; every member sees its own shuffles and its own
 * input noise at XRF precision.
 *
 * @param inputNoiseRelative Gaussian noise added to each training input, as a fraction of the input's
 *                           value in mol % (0.03 = 3 %, inside the 2–4 % XRF precision); 0 disables it
 */
public record TrainingSettings(int epochs, int batchSize, float learningRate, float weightDecay,
                               double inputNoiseRelative, long seed) {

    public TrainingSettings {
        if (epochs < 0 || batchSize < 2) {
            throw new IllegalArgumentException("epochs >= 0 and batch size >= 2 (BatchNorm needs two rows): "
                    + epochs + ", " + batchSize);
        }
        if (!(learningRate > 0) || weightDecay < 0 || inputNoiseRelative < 0) {
            throw new IllegalArgumentException("learning rate > 0, weight decay >= 0, noise >= 0");
        }
    }

    public static TrainingSettings paper() {
        return new TrainingSettings(500, 10, 1e-3f, 1e-2f, 0.03, 42L);
    }

    public TrainingSettings withEpochs(int newEpochs) {
        return new TrainingSettings(newEpochs, batchSize, learningRate, weightDecay, inputNoiseRelative, seed);
    }

    public TrainingSettings withSeed(long newSeed) {
        return new TrainingSettings(epochs, batchSize, learningRate, weightDecay, inputNoiseRelative, newSeed);
    }

    public TrainingSettings withWeightDecay(float newWeightDecay) {
        return new TrainingSettings(epochs, batchSize, learningRate, newWeightDecay, inputNoiseRelative, seed);
    }

    public TrainingSettings withInputNoise(double relative) {
        return new TrainingSettings(epochs, batchSize, learningRate, weightDecay, relative, seed);
    }
}
