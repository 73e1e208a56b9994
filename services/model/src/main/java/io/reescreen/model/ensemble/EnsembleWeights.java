package io.reescreen.model.ensemble;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Every tensor of a stacked ensemble as plain floats: what an artifact stores and a network loads. */
public final class EnsembleWeights {

    private final NetworkShape shape;
    private final Map<Parameter, float[]> values;

    public EnsembleWeights(NetworkShape shape, Map<Parameter, float[]> values) {
        this.shape = shape;
        EnumMap<Parameter, float[]> copy = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            float[] v = values.get(p);
            if (v == null || v.length != p.size(shape)) {
                throw new IllegalArgumentException(p + " must hold " + p.size(shape) + " values for " + shape
                        + ", got " + (v == null ? "none" : v.length));
            }
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException(p + " holds a non-finite value");
                }
            }
            copy.put(p, v.clone());
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    /**
     * PyTorch's default initialisation, drawn from a seeded generator so a seed fixes the ensemble: Linear
     * weights and biases uniform in ±1/sqrt(fan in), BatchNorm scale 1 and shift 0, running mean 0 and
     * variance 1. Each member gets its own stream.
     */
    public static EnsembleWeights initial(NetworkShape shape, long seed) {
        EnumMap<Parameter, float[]> v = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            v.put(p, new float[p.size(shape)]);
        }
        for (int k = 0; k < shape.members(); k++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + k);
            uniform(v.get(Parameter.W1), k, shape.inputs() * shape.hidden1(), shape.inputs(), random);
            uniform(v.get(Parameter.B1), k, shape.hidden1(), shape.inputs(), random);
            uniform(v.get(Parameter.W2), k, shape.hidden1() * shape.hidden2(), shape.hidden1(), random);
            uniform(v.get(Parameter.B2), k, shape.hidden2(), shape.hidden1(), random);
            uniform(v.get(Parameter.W3), k, shape.hidden2() * shape.outputs(), shape.hidden2(), random);
            uniform(v.get(Parameter.B3), k, shape.outputs(), shape.hidden2(), random);
        }
        Arrays.fill(v.get(Parameter.GAMMA1), 1f);
        Arrays.fill(v.get(Parameter.GAMMA2), 1f);
        Arrays.fill(v.get(Parameter.RUNNING_VAR1), 1f);
        Arrays.fill(v.get(Parameter.RUNNING_VAR2), 1f);
        return new EnsembleWeights(shape, v);
    }

    private static void uniform(float[] target, int member, int perMember, int fanIn, SplittableRandom random) {
        double bound = 1.0 / Math.sqrt(fanIn);
        for (int i = 0; i < perMember; i++) {
            target[member * perMember + i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
    }

    public NetworkShape shape() {
        return shape;
    }

    /** A copy of one tensor, members first, row-major. */
    public float[] get(Parameter p) {
        return values.get(p).clone();
    }

    /** The same ensemble with some tensors replaced (the rest unchanged). */
    public EnsembleWeights with(Map<Parameter, float[]> replacements) {
        EnumMap<Parameter, float[]> v = new EnumMap<>(values);
        v.putAll(replacements);
        return new EnsembleWeights(shape, v);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EnsembleWeights w) || !shape.equals(w.shape)) {
            return false;
        }
        for (Parameter p : Parameter.values()) {
            if (!Arrays.equals(values.get(p), w.values.get(p))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = shape.hashCode();
        for (Parameter p : Parameter.values()) {
            h = 31 * h + Arrays.hashCode(values.get(p));
        }
        return h;
    }
}
