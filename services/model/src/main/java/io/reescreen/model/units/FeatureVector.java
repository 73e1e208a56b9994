package io.reescreen.model.units;

import java.util.Objects;
import java.util.Optional;

/**
 * One model input: the feature oxides in mol % in {@link FeatureSet} order, their 1σ when the reading carried
 * uncertainty, and the provenance of the whole composition (a by-difference SiO2 changes every mol %, so a
 * prediction built on it must say so even though SiO2 itself is not a feature).
 */
public final class FeatureVector {

    private final FeatureSet features;
    private final double[] molPct;
    private final double[] sigmaMolPct;
    private final OxideProvenance provenance;

    FeatureVector(FeatureSet features, double[] molPct, double[] sigmaMolPct, OxideProvenance provenance) {
        this.features = Objects.requireNonNull(features, "features");
        this.molPct = molPct.clone();
        this.sigmaMolPct = sigmaMolPct == null ? null : sigmaMolPct.clone();
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    public FeatureSet features() {
        return features;
    }

    /** Feature values, mol %, in {@link FeatureSet#oxides()} order (a copy). */
    public double[] valuesMolPct() {
        return molPct.clone();
    }

    public double molPct(MajorOxide oxide) {
        int i = features.oxides().indexOf(oxide);
        if (i < 0) {
            throw new IllegalArgumentException(oxide + " is not one of the features " + features);
        }
        return molPct[i];
    }

    /** 1σ of each feature, mol % (a copy); empty when the reading reported no uncertainty. */
    public Optional<double[]> sigmaMolPct() {
        return Optional.ofNullable(sigmaMolPct).map(double[]::clone);
    }

    public OxideProvenance provenance() {
        return provenance;
    }
}
