package io.reescreen.model.units;

import java.util.EnumSet;
import java.util.Objects;

/**
 * Produces model inputs from compositions and raw readings. A reading that lacks a feature oxide is refused with a
 * {@link MissingFeatureException} naming it: a feature is never taken by difference, only non-feature oxides may
 * be (under the {@link ReadingPolicy}).
 */
public final class FeatureExtractor {

    private final FeatureSet features;
    private final ReadingPolicy policy;

    public FeatureExtractor(FeatureSet features, ReadingPolicy policy) {
        this.features = Objects.requireNonNull(features, "features");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The paper's six features; missing oxides rejected; below-detection values at LOD/2. */
    public static FeatureExtractor paperDefault() {
        return new FeatureExtractor(FeatureSet.PAPER_SIX, ReadingPolicy.rejectMissing());
    }

    public FeatureSet features() {
        return features;
    }

    public ReadingPolicy policy() {
        return policy;
    }

    /** Features of a complete mol % composition (e.g. a dataset row), σ included when it carries uncertainty. */
    public FeatureVector extract(OxideMolPct composition) {
        double[] values = new double[features.size()];
        double[] sigma = composition.hasUncertainty() ? new double[features.size()] : null;
        for (int i = 0; i < features.size(); i++) {
            MajorOxide o = features.oxides().get(i);
            values[i] = composition.molPct(o);
            if (sigma != null) {
                sigma[i] = composition.sigmaMolPct(o);
            }
        }
        return new FeatureVector(features, values, sigma, composition.provenance());
    }

    /**
     * Features of a raw wt% reading: checks that every feature oxide is reported, completes the reading under the
     * policy, converts to mol % over the ten oxides (σ propagated) and picks the features.
     *
     * @throws MissingFeatureException when a feature oxide is not reported at all
     * @throws CompositionException     when the policy rejects the reading for another reason
     */
    public FeatureVector extract(OxideWtPctReading reading) {
        EnumSet<MajorOxide> missingFeatures = EnumSet.noneOf(MajorOxide.class);
        for (MajorOxide o : features.oxides()) {
            if (reading.value(o).isEmpty()) {
                missingFeatures.add(o);
            }
        }
        if (!missingFeatures.isEmpty()) {
            throw new MissingFeatureException("reading lacks model feature(s) " + missingFeatures
                    + "; the model " + features + " needs every one of them measured", missingFeatures);
        }
        return extract(reading.resolve(policy).toMolPct());
    }
}
