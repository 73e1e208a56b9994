package io.reescreen.model.synthetic;

/**
 * Parameters of a synthetic dataset.
 *
 * @param seed              the whole dataset is a function of this seed
 * @param siteBias          multiplicative systematic offset on every REE value (1 = none); lets a lab simulator model
 *                          a site whose ash is richer or poorer than the composition alone predicts
 * @param elementNoiseLogSd standard deviation of the log-normal, mean-one noise on each REE oxide around the fixed
 *                          pattern (0.10 ≈ 10 %)
 */
public record SyntheticSpec(long seed, double siteBias, double elementNoiseLogSd) {

    public static final double DEFAULT_ELEMENT_NOISE_LOG_SD = 0.10;

    public SyntheticSpec {
        if (!(siteBias > 0) || !Double.isFinite(siteBias)) {
            throw new IllegalArgumentException("siteBias must be a positive factor, got " + siteBias);
        }
        if (!(elementNoiseLogSd >= 0) || elementNoiseLogSd > 1) {
            throw new IllegalArgumentException("elementNoiseLogSd must be in [0, 1], got " + elementNoiseLogSd);
        }
    }

    /** No site bias, default element noise. */
    public static SyntheticSpec withSeed(long seed) {
        return new SyntheticSpec(seed, 1.0, DEFAULT_ELEMENT_NOISE_LOG_SD);
    }

    public SyntheticSpec withSiteBias(double bias) {
        return new SyntheticSpec(seed, bias, elementNoiseLogSd);
    }

    public SyntheticSpec withElementNoiseLogSd(double logSd) {
        return new SyntheticSpec(seed, siteBias, logSd);
    }
}
