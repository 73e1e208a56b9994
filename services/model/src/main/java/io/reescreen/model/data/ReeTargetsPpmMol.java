package io.reescreen.model.data;

import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The paper's 17 regression targets, all in ppm by mole: total REE, then the 16 REE oxides in paper order.
 * The total is kept as given rather than recomputed: in measured rows it equals the sum of the 16 (to rounding),
 * but in teacher-labelled rows it is the network's own total head and differs by a few ppm mol.
 *
 * @param totalReePpmMol total REE, ppm mol
 * @param oxides         the 16 REE oxides, ppm mol
 */
public record ReeTargetsPpmMol(double totalReePpmMol, ReeOxidePpmMol oxides) {

    public static final int COUNT = 1 + ReeOxide.COUNT;

    /** Target names in output order: "total" then the oxide formulas. */
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        names.add("total");
        ReeOxide.PAPER_ORDER.forEach(o -> names.add(o.formula()));
        NAMES = List.copyOf(names);
    }

    public ReeTargetsPpmMol {
        Objects.requireNonNull(oxides, "oxides");
        if (!Double.isFinite(totalReePpmMol) || totalReePpmMol <= 0) {
            throw new IllegalArgumentException("total REE must be a positive ppm mol, got " + totalReePpmMol);
        }
    }

    /** Total taken as the sum of the 16, as in measured data. */
    public static ReeTargetsPpmMol summing(ReeOxidePpmMol oxides) {
        return new ReeTargetsPpmMol(oxides.sumPpmMol(), oxides);
    }

    /** The 17 targets in output order (total first), ppm mol. */
    public double[] toArrayPpmMol() {
        double[] out = new double[COUNT];
        out[0] = totalReePpmMol;
        System.arraycopy(oxides.toArrayPpmMol(), 0, out, 1, ReeOxide.COUNT);
        return out;
    }
}
