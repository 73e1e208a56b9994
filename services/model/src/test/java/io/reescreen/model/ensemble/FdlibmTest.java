package io.reescreen.model.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FdlibmTest {

    @Test
    void logHasStrictMathsBitsOnADrawsArgumentsAndBeyond() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000_000; i++) {
            sameLog(1 - random.nextDouble()); // what a draw takes the log of
            sameLog(Double.longBitsToDouble(random.nextLong(0, 0x7ff0000000000000L))); // any positive double
        }
        for (long k = 0; k < 200_000; k++) {
            sameLog(1 - k * 0x1p-53); // just below 1: fdlibm's series for |f| < 2^-20, then the general form
            sameLog(1 + k * 0x1p-52);
        }
        for (int e = -1074; e < 1024; e++) {
            double p = Math.scalb(1.0, e);
            sameLog(p);
            sameLog(Math.nextUp(p));
            sameLog(Math.nextDown(p));
            sameLog(p * Math.sqrt(2)); // where fdlibm halves x, and its two formulas meet
            sameLog(Math.nextUp(p * Math.sqrt(2)));
            sameLog(Math.nextDown(p * Math.sqrt(2)));
        }
        for (double x : new double[] {0, -0.0, -1, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN}) {
            sameLog(x);
        }
    }

    @Test
    void cosHasStrictMathsBitsOnADrawsArgumentsAndBeyond() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 1_000_000; i++) {
            sameCos(2 * Math.PI * random.nextDouble()); // what a draw takes the cosine of
            sameCos(Double.longBitsToDouble(random.nextLong(0, 0x401a000000000000L)) * (random.nextBoolean() ? 1 : -1));
        }
        // A draw's arguments (2 pi m 2^-53) around 0, pi / 4, pi / 2, ... 2 pi: the quadrants' edges and fdlibm's.
        for (int eighth = 0; eighth <= 8; eighth++) {
            long centre = (long) (eighth * 0x1p50);
            for (long m = Math.max(0, centre - 100_000); m < Math.min(1L << 53, centre + 100_000); m++) {
                sameCos(2 * Math.PI * (m * 0x1p-53));
            }
        }
        // Every double within 50,000 ulps of n pi / 2 and n pi / 4 (where the reduction cancels, where paths change).
        for (int q = 1; q <= 8; q++) {
            double up = q * Math.PI / 4;
            double down = up;
            for (int s = 0; s < 50_000; s++) {
                sameCos(up);
                sameCos(down);
                up = Math.nextUp(up);
                down = Math.nextDown(down);
            }
        }
        for (double x : new double[] {0, -0.0, 0x1p-27, 0x1p-30, 0.3, 0.78125, Double.MIN_VALUE, 3 * Math.PI / 4,
                2 * Math.PI, 1e10, -1e300, Double.POSITIVE_INFINITY, Double.NaN}) {
            sameCos(x);
            sameCos(Math.nextUp(x));
            sameCos(Math.nextDown(x));
        }
    }

    @Test
    void aGaussianDrawIsBoxMullerWithStrictMath() {
        SplittableRandom draws = new SplittableRandom(3);
        SplittableRandom reference = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            double u1 = reference.nextDouble();
            double u2 = reference.nextDouble();
            double expected = StrictMath.sqrt(-2 * StrictMath.log(1 - u1)) * StrictMath.cos(2 * Math.PI * u2);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Gaussian.draw(draws)));
        }
    }

    private static void sameLog(double x) {
        assertEquals(Double.doubleToRawLongBits(StrictMath.log(x)), Double.doubleToRawLongBits(Fdlibm.log(x)), () -> "log " + x);
    }

    private static void sameCos(double x) {
        assertEquals(Double.doubleToRawLongBits(StrictMath.cos(x)), Double.doubleToRawLongBits(Fdlibm.cos(x)), () -> "cos " + x);
    }
}
