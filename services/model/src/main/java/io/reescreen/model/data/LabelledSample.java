package io.reescreen.model.data;

import io.reescreen.model.units.OxideMolPct;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training or evaluation row: ten oxides in mol % and the 17 targets in ppm mol.
 *
 * @param sampleId           unique within its dataset; synthetic samples, and only they, start with "SYN-"
 * @param oxides             the ten major oxides, mol %
 * @param targets            total REE and the 16 REE oxides, ppm mol
 * @param origin             measured, teacher-labelled or synthetic
 * @param extras             further numeric columns kept from the source, named with their unit
 *                           (e.g. {@code teacher_total_std_ppm_mol}); insertion order kept
 */
public record LabelledSample(String sampleId, OxideMolPct oxides, ReeTargetsPpmMol targets, SampleOrigin origin,
                             Map<String, Double> extras) {

    /** Every synthetic sample id starts with this, so a synthetic row is recognisable wherever it ends up. */
    public static final String SYNTHETIC_ID_PREFIX = "SYN-";

    public LabelledSample {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(oxides, "oxides");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(extras, "extras");
        if (sampleId.isBlank()) {
            throw new IllegalArgumentException("sample id must not be blank");
        }
        boolean prefixed = sampleId.startsWith(SYNTHETIC_ID_PREFIX);
        if (prefixed != (origin == SampleOrigin.SYNTHETIC)) {
            throw new IllegalArgumentException("sample '" + sampleId + "' has origin " + origin + ": ids starting with "
                    + SYNTHETIC_ID_PREFIX + " are reserved for, and required on, synthetic samples");
        }
        extras.forEach((k, v) -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("extra " + k + " = " + v + " is not finite");
            }
        });
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    public LabelledSample(String sampleId, OxideMolPct oxides, ReeTargetsPpmMol targets, SampleOrigin origin) {
        this(sampleId, oxides, targets, origin, Map.of());
    }

    public double totalReePpmMol() {
        return targets.totalReePpmMol();
    }

    public boolean isSynthetic() {
        return origin == SampleOrigin.SYNTHETIC;
    }
}
