package io.reescreen.simulator.lab;

import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.LabReeValue;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.MaterialBasis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a good lab result into a bad one of a given {@link BadLabResultKind}, changing only what the kind names, so
 * that a validator that rejects it has rejected it for that reason and no other.
 */
final class BadLabResultInjector {

    private BadLabResultInjector() {
    }

    /**
     * @param good         a good result
     * @param unknownLotId the lot id to use for {@link BadLabResultKind#UNKNOWN_LOT}: one no lot has
     */
    static LabResult inject(BadLabResultKind kind, LabResult good, String unknownLotId, SplittableRandom random) {
        LabResult.Builder bad = LabResult.newBuilder(good); // a deep copy
        switch (kind) {
            case UNKNOWN_LOT -> bad.setLotId(unknownLotId).setLabResultId(LabResultGenerator.ID_PREFIX + unknownLotId);
            case INVALID_VALUE -> {
                List<LabReeValue> values = copy(good.getValues());
                List<LabReeValue> measured = values.stream().filter(v -> v.getValueInUnit() != null).toList();
                // With every element under the limit (only with an absurd limit), break a below-detection one.
                LabReeValue target = measured.isEmpty() ? values.get(random.nextInt(values.size()))
                        : measured.get(random.nextInt(measured.size()));
                double magnitude = target.getValueInUnit() != null ? target.getValueInUnit() : 1.0;
                double broken = random.nextBoolean() ? -magnitude : Double.NaN;
                target.setBelowDetection(false);
                target.setValueInUnit(broken);
                if (target.getSigma1InUnit() == null) {
                    target.setSigma1InUnit(0.0);
                }
                bad.setValues(values);
            }
            case UNKNOWN_UNIT -> {
                List<LabReeValue> values = copy(good.getValues());
                values.forEach(v -> v.setUnit(LabConcentrationUnit.UNKNOWN));
                bad.setValues(values);
            }
            case MISSING_ASH_YIELD -> bad.setMaterialBasis(MaterialBasis.WHOLE_COAL).setAshYieldWtPct(null);
            case MISSING_ELEMENT -> {
                List<LabReeValue> values = copy(good.getValues());
                values.remove(random.nextInt(values.size()));
                bad.setValues(values);
            }
            default -> throw new IllegalArgumentException("unhandled kind " + kind);
        }
        return bad.build();
    }

    private static List<LabReeValue> copy(List<LabReeValue> values) {
        List<LabReeValue> copy = new ArrayList<>(values.size());
        for (LabReeValue v : values) {
            copy.add(LabReeValue.newBuilder(v).build());
        }
        return copy;
    }
}
