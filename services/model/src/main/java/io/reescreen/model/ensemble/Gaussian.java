package io.reescreen.model.ensemble;

import java.util.SplittableRandom;

/** Standard normal draws from a seeded stream (Box–Muller; SplittableRandom has no nextGaussian on Java 17). */
public final class Gaussian {

    private Gaussian() {
    }

    public static double draw(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
