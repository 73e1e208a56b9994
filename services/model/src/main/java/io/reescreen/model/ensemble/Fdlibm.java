package io.reescreen.model.ensemble;

/**
 * {@link StrictMath#log} and {@link StrictMath#cos} to the bit, in Java, for the arguments of a Gaussian draw:
 * log on (0, 1], cos on [0, 2 pi). Both follow fdlibm 5.3, the algorithm StrictMath is specified by, step for step
 * (same constants, same operations in the same order); anything else, and the rare arguments that take fdlibm's
 * other paths (log within 2^-20 of a power of two, cos near a multiple of pi / 2 where the reduction cancels, tiny
 * reduced arguments), goes to StrictMath itself.
 *
 * <p>Why: on JDK 17 StrictMath.log and cos are native calls, and a draw's branches on its uniform numbers (the
 * quadrant, fdlibm's two log formulas) are taken at random, so most draws paid for a mispredicted branch or two.
 * Here both formulas are computed and one is picked by a conditional move. Scoring a lot draws 2,304 normals.
 * {@code FdlibmTest} compares every path with StrictMath.
 *
 * <p>fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunSoft, a Sun
 * Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */
final class Fdlibm {

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;

    private static final double C1 = 4.16666666666666019037e-02;
    private static final double C2 = -1.38888888888741095749e-03;
    private static final double C3 = 2.48015872894767294178e-05;
    private static final double C4 = -2.75573143513906633035e-07;
    private static final double C5 = 2.08757232129817482790e-09;
    private static final double C6 = -1.13596475577881948265e-11;
    private static final double S1 = -1.66666666666666324348e-01;
    private static final double S2 = 8.33333333332248946124e-03;
    private static final double S3 = -1.98412698298579493134e-04;
    private static final double S4 = 2.75573137070700676789e-06;
    private static final double S5 = -2.50507602534068634195e-08;
    private static final double S6 = 1.58969099521155010221e-10;
    private static final double INVPIO2 = 6.36619772367581382433e-01;
    /** pi / 2 = PIO2_1 + PIO2_1T: the first 33 bits, and the rest. */
    private static final double PIO2_1 = 1.57079632673412561417e+00;
    private static final double PIO2_1T = 6.07710050650619224932e-11;
    /** High words of n pi / 2, n = 1 to 4: an argument with the same high word may cancel in the reduction. */
    private static final int[] NPIO2_HW = {0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB};
    private static final long QX_ABOVE_0_78125 = 0x3FD2000000000000L; // 0.28125

    private Fdlibm() {
    }

    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >> 32);
        int mantissaHigh = hx & 0x000fffff;
        if (hx < 0x00100000 || hx >= 0x7ff00000 || (0x000fffff & (2 + mantissaHigh)) < 3) {
            // zero, negative, subnormal, infinite or NaN; or |f| < 2^-20, fdlibm's series
            return StrictMath.log(x);
        }
        int k = (hx >> 20) - 1023;
        int i = (mantissaHigh + 0x95f64) & 0x100000;
        // x or x / 2 with the exponent of 1, so that 1 + f lies in [sqrt(2) / 2, sqrt(2))
        double normalised = Double.longBitsToDouble(((long) (mantissaHigh | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffffL));
        k += i >> 20;
        double f = normalised - 1.0;
        double s = f / (2.0 + f);
        double dk = k;
        double z = s * s;
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double r = t2 + t1;
        // fdlibm's k = 0 forms are these with dk = 0: dk ln2 is then +0, and 0 - (b - f) is f - b to the bit.
        double hfsq = 0.5 * f * f;
        double large = dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
        double small = dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
        boolean useLarge = ((mantissaHigh - 0x6147a) | (0x6b851 - mantissaHigh)) > 0;
        return Double.longBitsToDouble(useLarge ? Double.doubleToRawLongBits(large) : Double.doubleToRawLongBits(small));
    }

    static double cos(double x) {
        int hx = (int) (Double.doubleToRawLongBits(x) >> 32);
        if (hx < 0 || hx > NPIO2_HW[3] || hx == NPIO2_HW[0]) {
            // negative, 2 pi or more, or near pi / 2 (fdlibm takes more bits of pi there)
            return StrictMath.cos(x);
        }
        // fdlibm: no reduction up to ~pi / 4, n = 1 up to ~3 pi / 4 (by the high word), else the nearest multiple
        int nearest = (int) (x * INVPIO2 + 0.5);
        int n = hx <= 0x3fe921fb ? 0 : hx < 0x4002d97c ? 1 : nearest;
        if (n >= 2 && hx == NPIO2_HW[n - 1]) {
            return StrictMath.cos(x);
        }
        double fn = n;
        double r = x - fn * PIO2_1;
        double w = fn * PIO2_1T;
        double y0 = r - w;
        double y1 = (r - y0) - w;
        if ((int) (Double.doubleToRawLongBits(y0) >>> 32 & 0x7fffffff) < 0x3e400000) {
            return StrictMath.cos(x); // |y0| < 2^-27: the kernels' shortcut
        }
        // Both kernels, then the quadrant's: cos, -sin, -cos, sin.
        double c = kernelCos(y0, y1);
        double sn = kernelSin(y0, y1);
        long picked = (n & 1) == 0 ? Double.doubleToRawLongBits(c) : Double.doubleToRawLongBits(sn);
        return Double.longBitsToDouble(picked ^ ((long) ((n + 1) & 2) << 62));
    }

    /** fdlibm's __kernel_cos on [-pi / 4, pi / 4], x + y the reduced argument, |x| >= 2^-27. */
    private static double kernelCos(double x, double y) {
        int ix = (int) (Double.doubleToRawLongBits(x) >>> 32) & 0x7fffffff;
        double z = x * x;
        double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        // Below 0.3 fdlibm's form is this one with qx = 0 (1 - 0 and 0.5 z - 0 are exact).
        long qxAbove = ix > 0x3fe90000 ? QX_ABOVE_0_78125 : (long) (ix - 0x00200000) << 32;
        double qx = Double.longBitsToDouble(ix < 0x3FD33333 ? 0L : qxAbove);
        double hz = 0.5 * z - qx;
        double a = 1.0 - qx;
        return a - (hz - (z * r - x * y));
    }

    /** fdlibm's __kernel_sin with a tail (iy = 1) on [-pi / 4, pi / 4], |x| >= 2^-27. */
    private static double kernelSin(double x, double y) {
        double z = x * x;
        double v = z * x;
        double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        return x - ((z * (0.5 * y - v * r) - y) - v * S1);
    }
}
