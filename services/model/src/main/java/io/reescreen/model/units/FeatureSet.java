package io.reescreen.model.units;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered list of major oxides used as model inputs (in mol %). The order is the order of the model's input
 * vector, so it is part of a trained model's contract.
 */
public final class FeatureSet {

    /**
     * The paper's six features, in the order of the authors' released scripts (columns 1,2,3,4,7,8 of their
     * tables): Al2O3, CaO, Fe2O3, MgO, TiO2, P2O5.
     */
    public static final FeatureSet PAPER_SIX = new FeatureSet(List.of(MajorOxide.AL2O3, MajorOxide.CAO,
            MajorOxide.FE2O3, MajorOxide.MGO, MajorOxide.TIO2, MajorOxide.P2O5));

    /** All ten oxides, paper order. */
    public static final FeatureSet ALL_TEN = new FeatureSet(MajorOxide.PAPER_ORDER);

    private final List<MajorOxide> oxides;

    private FeatureSet(List<MajorOxide> oxides) {
        this.oxides = List.copyOf(oxides);
    }

    public static FeatureSet of(List<MajorOxide> oxides) {
        Objects.requireNonNull(oxides, "oxides");
        if (oxides.isEmpty()) {
            throw new IllegalArgumentException("a feature set needs at least one oxide");
        }
        if (EnumSet.copyOf(oxides).size() != oxides.size()) {
            throw new IllegalArgumentException("duplicate oxide in feature set " + oxides);
        }
        return new FeatureSet(oxides);
    }

    /** Parses names such as {@code ["Al2O3", "CaO"]} (e.g. from a model artifact). */
    public static FeatureSet ofFormulas(List<String> formulas) {
        return of(formulas.stream().map(MajorOxide::fromFormula).toList());
    }

    public List<MajorOxide> oxides() {
        return oxides;
    }

    public int size() {
        return oxides.size();
    }

    public boolean contains(MajorOxide oxide) {
        return oxides.contains(oxide);
    }

    public Set<MajorOxide> asSet() {
        return EnumSet.copyOf(oxides);
    }

    public List<String> formulas() {
        return oxides.stream().map(MajorOxide::formula).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSet other && oxides.equals(other.oxides);
    }

    @Override
    public int hashCode() {
        return oxides.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSet" + formulas();
    }
}
