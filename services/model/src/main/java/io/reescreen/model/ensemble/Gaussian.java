package io.reescreen.model.ensemble;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a seeded stream (Box–Muller; SplittableRandom has no nextGaussian on Java 17).
 * StrictMath's log and cos (here {@link Fdlibm}'s, the same to the bit), because Math.log and Math.cos may differ by
 * an ulp from one JVM or platform to another, and a seed should fix a training run wherever it runs.
 */
public final class Gaussian {

    private Gaussian() {
    }

    public static double draw(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * Fdlibm.log(1 - u1)) * Fdlibm.cos(2 * Math.PI * u2);
    }
}
