package io.reescreen.model.units;

/**
 * The basis a content is reported on, as what puts it on the ash: an ash analysis is already there; a whole-coal one
 * is scaled by 100 / ash yield (a part of the coal is that part over the ash fraction of the ash). Mol % does not
 * depend on it, but wt % totals, by-difference values, detection limits and ppm contents do.
 */
public final class AshBasis {

    private static final AshBasis ASH = new AshBasis(1.0);

    /** What multiplies a value on the reported basis to put it on the ash basis. */
    private final double factor;

    private AshBasis(double factor) {
        this.factor = factor;
    }

    /** A content reported on the ash itself. */
    public static AshBasis ash() {
        return ASH;
    }

    /** A content reported on the whole coal, whose ash yield (wt % of the coal) is {@code ashYieldWtPct}. */
    public static AshBasis wholeCoal(double ashYieldWtPct) {
        return new AshBasis(100.0 / ashYieldWtPct);
    }

    /** {@code valueOnReportedBasis} (any mass-fraction unit: wt %, ppm, ppm mol) as the same unit of the ash. */
    public double onAsh(double valueOnReportedBasis) {
        return valueOnReportedBasis * factor;
    }

    /** False when values are unchanged on ash basis (an ash analysis, or whole coal that is all ash). */
    public boolean rescales() {
        return factor != 1.0;
    }

    @Override
    public String toString() {
        return rescales() ? "AshBasis{×" + factor + "}" : "AshBasis{ash}";
    }
}
