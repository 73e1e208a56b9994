package io.reescreen.model.ensemble;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the models' weights live and run: {@code reescreen.model.device=auto|cpu|gpu} (a system property, else the
 * environment variable {@code REESCREEN_MODEL_DEVICE}; a service may pass its own setting to {@link #select}),
 * default {@code auto}. Resolved once per process and request and logged: {@code gpu} without a CUDA device PyTorch
 * can see fails with the reason (a service stops at start rather than score somewhere it was told not to), {@code auto}
 * takes the first GPU if there is one, else the CPU, and says so.
 */
public final class ModelDevice {

    public static final String PROPERTY = "reescreen.model.device";
    public static final String ENVIRONMENT_VARIABLE = "REESCREEN_MODEL_DEVICE";

    private static final Logger LOG = LoggerFactory.getLogger(ModelDevice.class);
    private static ModelDevice current;

    /** A device asked for that this machine lacks: the message says which setting and what to do instead. */
    public static final class Unavailable extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /** What was asked for. */
    public enum Choice {
        AUTO, CPU, GPU;

        /** Null or blank means {@code auto}; anything else than the three names fails naming the setting. */
        public static Choice parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + "=" + value.trim() + " is not a device: use auto, cpu or gpu");
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Choice requested;
    private final Device device;
    private final String engine;

    private ModelDevice(Choice requested, Device device, String engine) {
        this.requested = requested;
        this.device = device;
        this.engine = engine;
    }

    /**
     * Resolves a request against the GPUs the engine sees.
     *
     * @param gpuCount CUDA devices PyTorch sees (a supplier, so the GPU cases are testable without one)
     * @param engine   the engine in words, for the log and the error, e.g. {@code PyTorch 2.7.1 (DJL 0.36.0)}
     * @throws Unavailable {@code gpu} requested where there is none
     */
    public static ModelDevice resolve(Choice requested, IntSupplier gpuCount, String engine) {
        Objects.requireNonNull(requested, "requested");
        if (requested == Choice.CPU) {
            return new ModelDevice(requested, Device.cpu(), engine);
        }
        int gpus = gpuCount.getAsInt();
        if (gpus > 0) {
            return new ModelDevice(requested, Device.gpu(), engine);
        }
        if (requested == Choice.GPU) {
            throw new Unavailable(PROPERTY + "=gpu but " + engine + " sees no CUDA device: set it to auto or "
                    + "cpu, or run a build made with -Pgpu (CUDA 12.4) on a machine with an NVIDIA GPU and its driver");
        }
        return new ModelDevice(requested, Device.cpu(), engine);
    }

    /** The request from a system property, else an environment variable, else {@code auto}. */
    public static Choice requested(Function<String, String> systemProperties, Function<String, String> environment) {
        String value = systemProperties.apply(PROPERTY);
        return Choice.parse(value == null || value.isBlank() ? environment.apply(ENVIRONMENT_VARIABLE) : value);
    }

    /** This process's device: the last one {@link #select}ed, else the one the system property or variable asks for. */
    public static synchronized ModelDevice current() {
        if (current == null) {
            select(requested(System::getProperty, System::getenv));
        }
        return current;
    }

    /**
     * Resolves the request against this engine (once: the same request again gets the same answer), logs it and makes
     * it the device later models load on; models already loaded stay where they are.
     */
    public static synchronized ModelDevice select(Choice requested) {
        if (current != null && current.requested == requested) {
            return current;
        }
        Engine engine = Engine.getInstance();
        ModelDevice resolved = resolve(requested, engine::getGpuCount,
                "PyTorch " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")");
        resolved.log();
        current = resolved;
        return resolved;
    }

    private void log() {
        LOG.info("{}", summary());
    }

    /** The start-up line: the device, what was requested and the engine; a fallback says so. */
    public String summary() {
        return "model device: " + deviceLabel() + " (" + PROPERTY + "=" + requested.label()
                + (fellBack() ? ": no CUDA device found, scoring on the CPU" : "") + "; " + engine + ")";
    }

    public Choice requested() {
        return requested;
    }

    public Device device() {
        return device;
    }

    /** {@code cpu} or {@code gpu}, as the setting names them. */
    public String deviceLabel() {
        return device.isGpu() ? "gpu" : "cpu";
    }

    /** True where {@code auto} found no GPU and took the CPU. */
    public boolean fellBack() {
        return requested == Choice.AUTO && !device.isGpu();
    }

    public String engine() {
        return engine;
    }

    @Override
    public String toString() {
        return deviceLabel() + " (requested " + requested.label() + ", " + engine + ")";
    }
}
