package io.reescreen.model.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.reescreen.model.ensemble.ModelDevice.Choice;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** reescreen.model.device, resolved against a GPU count given by the test (no GPU here). */
class ModelDeviceTest {

    private static final String ENGINE = "PyTorch 9.9 (DJL 0.0)";
    private static final IntSupplier NO_GPU = () -> 0;
    private static final IntSupplier ONE_GPU = () -> 1;

    @Test
    void autoFallsBackToCpuAndSaysSo() {
        ModelDevice device = ModelDevice.resolve(Choice.AUTO, NO_GPU, ENGINE);
        assertEquals(Device.cpu(), device.device());
        assertTrue(device.fellBack());
        assertEquals("model device: cpu (reescreen.model.device=auto: no CUDA device found, scoring on the CPU; "
                + ENGINE + ")", device.summary());
    }

    @Test
    void autoTakesTheFirstGpuWhereThereIsOne() {
        ModelDevice device = ModelDevice.resolve(Choice.AUTO, ONE_GPU, ENGINE);
        assertEquals(Device.gpu(), device.device());
        assertFalse(device.fellBack());
        assertEquals("model device: gpu (reescreen.model.device=auto; " + ENGINE + ")", device.summary());
    }

    @Test
    void gpuWithoutAGpuFailsAtStartWithTheReason() {
        ModelDevice.Unavailable e = assertThrows(ModelDevice.Unavailable.class,
                () -> ModelDevice.resolve(Choice.GPU, NO_GPU, ENGINE));
        assertEquals("reescreen.model.device=gpu but " + ENGINE + " sees no CUDA device: set it to auto or cpu, or "
                + "run a build made with -Pgpu (CUDA 12.4) on a machine with an NVIDIA GPU and its driver", e.getMessage());
        assertEquals("gpu", ModelDevice.resolve(Choice.GPU, ONE_GPU, ENGINE).deviceLabel());
    }

    @Test
    void cpuIsHonouredEvenWhereAGpuWouldBe() {
        ModelDevice device = ModelDevice.resolve(Choice.CPU, ONE_GPU, ENGINE);
        assertEquals(Device.cpu(), device.device());
        assertFalse(device.fellBack(), "asked for, not fallen back to");
        assertEquals("model device: cpu (reescreen.model.device=cpu; " + ENGINE + ")", device.summary());
    }

    @Test
    void theEnvironmentVariableIsReadWhenThePropertyIsAbsent() {
        Map<String, String> environment = Map.of("REESCREEN_MODEL_DEVICE", "gpu");
        assertEquals(Choice.GPU, ModelDevice.requested(Map.<String, String>of()::get, environment::get));
        assertEquals(Choice.GPU, ModelDevice.requested(Map.of("reescreen.model.device", " ")::get, environment::get));
        assertEquals(Choice.CPU, ModelDevice.requested(Map.of("reescreen.model.device", "CPU")::get, environment::get),
                "the property wins over the variable");
        assertEquals(Choice.AUTO, ModelDevice.requested(Map.<String, String>of()::get, Map.<String, String>of()::get),
                "auto when neither is set");
    }

    @Test
    void anUnknownDeviceFailsNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Choice.parse("cuda"));
        assertEquals("reescreen.model.device=cuda is not a device: use auto, cpu or gpu", e.getMessage());
    }

    @Test
    void modelsLoadOnTheSelectedDevice() {
        ModelDevice selected = ModelDevice.select(Choice.CPU);
        assertEquals(selected, ModelDevice.current());
        try (BatchedEnsemble network = BatchedEnsemble.load(EnsembleWeights.initial(NetworkShape.paper(2, 6), 1))) {
            assertEquals(Device.cpu(), network.tensor(Parameter.W1).getDevice());
        }
    }
}
