package io.reescreen.model.ensemble;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.EnumMap;
import java.util.Map;

/**
 * K multi-task networks held as one set of stacked tensors, so a single batched matrix product runs
 * every member: a forward pass over all K members costs about as many engine calls as one network.
 * Inputs have shape [K or 1, rows, inputs] (1 broadcasts the same rows to every member); outputs
 * [K, rows, outputs], in standardised units.
 */
public final class BatchedEnsemble implements AutoCloseable {

    private static final float BN_EPSILON = 1e-5f;
    /** PyTorch's BatchNorm momentum: running = 0.9 running + 0.1 batch. */
    private static final float BN_MOMENTUM = 0.1f;

    private final NDManager manager;
    private final NetworkShape shape;
    private final EnumMap<Parameter, NDArray> tensors = new EnumMap<>(Parameter.class);

    private BatchedEnsemble(NDManager manager, NetworkShape shape) {
        this.manager = manager;
        this.shape = shape;
    }

    /** Loads weights onto this process's model device ({@link ModelDevice}: reescreen.model.device). */
    public static BatchedEnsemble load(EnsembleWeights weights) {
        return load(weights, ModelDevice.current().device());
    }

    public static BatchedEnsemble load(EnsembleWeights weights, Device device) {
        BatchedEnsemble network = new BatchedEnsemble(NDManager.newBaseManager(device), weights.shape());
        for (Parameter p : Parameter.values()) {
            NDArray array = EngineArrays.create(network.manager, weights.get(p), new Shape(p.shape(weights.shape())));
            network.tensors.put(p, array);
        }
        return network;
    }

    public NetworkShape shape() {
        return shape;
    }

    NDManager manager() {
        return manager;
    }

    NDArray tensor(Parameter p) {
        return tensors.get(p);
    }

    /** Copies every tensor back to the host. */
    public EnsembleWeights weights() {
        Map<Parameter, float[]> values = new EnumMap<>(Parameter.class);
        tensors.forEach((p, array) -> values.put(p, array.toFloatArray()));
        return new EnsembleWeights(shape, values);
    }

    /**
     * The forward pass; in TRAINING mode it also moves the BatchNorm running statistics. No {@code op(Number)} calls
     * on the gradient path: DJL wraps such a scalar in a Java buffer and frees it straight after the call, while
     * autograd may keep it for the backward pass, which then reads whatever the garbage collector left there.
     */
    NDArray forward(NDArray x, BatchNormMode mode) {
        NDArray h1 = x.matMul(tensors.get(Parameter.W1)).add(tensors.get(Parameter.B1));
        h1 = Activation.relu(batchNorm(h1, Parameter.GAMMA1, Parameter.BETA1, Parameter.RUNNING_MEAN1,
                Parameter.RUNNING_VAR1, mode));
        NDArray h2 = h1.matMul(tensors.get(Parameter.W2)).add(tensors.get(Parameter.B2));
        h2 = Activation.relu(batchNorm(h2, Parameter.GAMMA2, Parameter.BETA2, Parameter.RUNNING_MEAN2,
                Parameter.RUNNING_VAR2, mode));
        return h2.matMul(tensors.get(Parameter.W3)).add(tensors.get(Parameter.B3));
    }

    private NDArray batchNorm(NDArray h, Parameter gamma, Parameter beta, Parameter runningMean, Parameter runningVar,
                              BatchNormMode mode) {
        NDArray mean;
        NDArray variance;
        if (mode == BatchNormMode.TRAINING) {
            long rows = h.getShape().get(1);
            mean = h.mean(new int[] {1}, true);
            variance = h.sub(mean).square().mean(new int[] {1}, true);
            // Running statistics are state outside the gradient; PyTorch keeps the unbiased variance.
            tensors.get(runningMean).muli(1 - BN_MOMENTUM).addi(mean.stopGradient().mul(BN_MOMENTUM));
            tensors.get(runningVar).muli(1 - BN_MOMENTUM)
                    .addi(variance.stopGradient().mul(BN_MOMENTUM * rows / (float) (rows - 1)));
        } else {
            mean = tensors.get(runningMean);
            variance = tensors.get(runningVar);
        }
        // Start from the batch's manager so temporaries die with the step, not with the model.
        NDArray std = h.getManager().create(BN_EPSILON).add(variance).sqrt();
        return h.sub(mean).div(std).mul(tensors.get(gamma)).add(tensors.get(beta));
    }

    /**
     * Inference for rows shared by every member: {@code xStandardised} holds {@code rows} rows of
     * {@code inputs} values; returns [member][row][output] flattened, in standardised target units.
     */
    public float[] predictStandardised(float[] xStandardised, int rows) {
        if (xStandardised.length != rows * shape.inputs()) {
            throw new IllegalArgumentException("expected " + rows + " x " + shape.inputs() + " inputs, got " + xStandardised.length);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = EngineArrays.create(scope, xStandardised, new Shape(1, rows, shape.inputs()));
            return forward(x, BatchNormMode.FROZEN).toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
