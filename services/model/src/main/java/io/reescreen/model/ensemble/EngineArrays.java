package io.reescreen.model.ensemble;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Host arrays copied into memory the engine allocated itself. DJL's PyTorch engine wraps a Java direct
 * buffer in place, and that buffer's address has whatever alignment malloc gave it; MKL's matrix products
 * round differently with the alignment, so the same seed could train a different model from one run to the
 * next. A clone lives in PyTorch's own 64-byte-aligned memory, and the results no longer depend on it.
 */
final class EngineArrays {

    private EngineArrays() {
    }

    static NDArray create(NDManager manager, float[] values, Shape shape) {
        try (NDArray wrapped = manager.create(values, shape)) {
            NDArray owned = wrapped.duplicate();
            owned.attach(manager);
            return owned;
        }
    }
}
