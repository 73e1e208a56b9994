package io.reescreen.model.units;

/**
 * Renormalising parts that should sum to 100 (e.g. ten oxide means each weighted on its own) and scaling their
 * sigmas by the same factor. {@link Closure} does the weighted closure of whole compositions; this keeps the
 * arithmetic the lot aggregate has always used (part·(100/Σ), sigma·100/Σ), so its published means stay the same
 * doubles bit for bit.
 */
public final class ClosureTo100 {

    private final double total;

    private ClosureTo100(double total) {
        this.total = total;
    }

    /** The closure of {@code parts}, summed in order. */
    public static ClosureTo100 of(double[] parts) {
        double total = 0;
        for (double part : parts) {
            total += part;
        }
        return new ClosureTo100(total);
    }

    /** One part, renormalised. */
    public double closed(double part) {
        return part * (100.0 / total);
    }

    /** The 1-sigma of a part, on the renormalised scale. */
    public double closedSigma(double sigma) {
        return sigma * 100.0 / total;
    }
}
