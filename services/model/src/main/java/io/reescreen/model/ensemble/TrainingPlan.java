package io.reescreen.model.ensemble;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a training run may change: which tensors learn, how BatchNorm behaves, and an optional pull
 * toward reference weights (L2-SP: penalise the distance from the pretrained model rather than from
 * zero, the better practice for few-shot transfer).
 *
 * @param anchor          reference weights for L2-SP, or null
 * @param anchored        which trainable parameters the anchor pulls (the others learn freely)
 * @param anchorStrength  the L2-SP coefficient (ignored without an anchor)
 * @param asymmetry       which side of the truth costs more, if any
 * @param asymmetryFactor the multiplier of the squared error on that side (>= 1)
 */
public record TrainingPlan(Set<Parameter> trainable, BatchNormMode batchNorm, EnsembleWeights anchor, Set<Parameter> anchored,
                           float anchorStrength,
                           ErrorAsymmetry asymmetry, float asymmetryFactor) {

    public TrainingPlan {
        // Enum order, not Set.copyOf's per-JVM order, so every run touches the tensors in the same sequence.
        trainable = Collections.unmodifiableSet(enumSetOf(trainable));
        anchored = Collections.unmodifiableSet(enumSetOf(anchored));
        if (!trainable.containsAll(anchored)) {
            throw new IllegalArgumentException("only trainable parameters can be anchored: " + anchored);
        }
        for (Parameter p : trainable) {
            if (!p.trainable()) {
                throw new IllegalArgumentException(p + " is state, not a trainable parameter");
            }
        }
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("nothing to train");
        }
        if (!(asymmetryFactor >= 1)) {
            throw new IllegalArgumentException("asymmetry factor must be >= 1, got " + asymmetryFactor);
        }
    }

    private static EnumSet<Parameter> enumSetOf(Set<Parameter> parameters) {
        EnumSet<Parameter> copy = EnumSet.noneOf(Parameter.class);
        copy.addAll(parameters);
        return copy;
    }

    /** Every parameter, BatchNorm on batch statistics: training from scratch. */
    public static TrainingPlan full() {
        EnumSet<Parameter> all = EnumSet.noneOf(Parameter.class);
        for (Parameter p : Parameter.values()) {
            if (p.trainable()) {
                all.add(p);
            }
        }
        return new TrainingPlan(all, BatchNormMode.TRAINING, null, Set.of(), 0f, ErrorAsymmetry.SYMMETRIC, 1f);
    }

    /** The paper's transfer learning: only the output layer learns; BatchNorm stays in inference mode. */
    public static TrainingPlan outputLayerOnly() {
        return new TrainingPlan(EnumSet.of(Parameter.W3, Parameter.B3), BatchNormMode.FROZEN, null, Set.of(), 0f,
                ErrorAsymmetry.SYMMETRIC, 1f);
    }

    /** L2-SP toward {@code reference} on every trainable parameter. */
    public TrainingPlan anchoredTo(EnsembleWeights reference, float strength) {
        return anchoredTo(reference, strength, trainable);
    }

    /** L2-SP toward {@code reference} on {@code which} only; the other trainable parameters learn freely. */
    public TrainingPlan anchoredTo(EnsembleWeights reference, float strength, Set<Parameter> which) {
        return new TrainingPlan(trainable, batchNorm, reference, which, strength, asymmetry, asymmetryFactor);
    }

    public TrainingPlan withAsymmetry(ErrorAsymmetry side, float factor) {
        return new TrainingPlan(trainable, batchNorm, anchor, anchored, anchorStrength, side, factor);
    }
}
