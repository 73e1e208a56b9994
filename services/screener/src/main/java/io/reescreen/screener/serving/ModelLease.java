package io.reescreen.screener.serving;

import io.reescreen.model.predict.ScreeningModel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model borrowed for one prediction: while the lease is open the model cannot be closed, even if a new release
 * replaces it meanwhile. Use with try-with-resources; closing twice is harmless.
 */
public final class ModelLease implements AutoCloseable {

    private final ServedModel served;
    private final AtomicBoolean open = new AtomicBoolean(true);

    ModelLease(ServedModel served) {
        this.served = served;
    }

    public ModelInfo info() {
        return served.info();
    }

    public ScreeningModel model() {
        if (!open.get()) {
            throw new IllegalStateException("the lease on " + served.info().version() + " is closed");
        }
        return served.model();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            served.release();
        }
    }
}
