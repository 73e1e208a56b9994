package io.reescreen.screener.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reescreen.model.ensemble.ModelDevice;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screener's reescreen.model.device setting at start (no GPU here: PyTorch's CPU build sees none). */
class ScreenerModelDeviceTest {

    @Test
    void gpuWithoutAGpuFailsTheScreenersStartWithTheReason(@TempDir Path state) {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", "127.0.0.1:9");
        p.put("reescreen.registry.url", "http://127.0.0.1:9/apis/registry/v3");
        p.put("kafka.streams.screener.application.id", "it-model-device");
        p.put("kafka.streams.screener.state.dir", state.toString());
        p.put("micronaut.server.port", -1);
        p.put("reescreen.model.device", "gpu");
        RuntimeException e = assertThrows(RuntimeException.class, () -> ScreenerService.start(p).close());
        assertEquals(ModelDevice.Unavailable.class, e.getClass(), "the reason itself, not a wrapper: " + e);
        assertEquals(true, e.getMessage().startsWith("reescreen.model.device=gpu but PyTorch "), e.getMessage());
        assertEquals(true, e.getMessage().endsWith(" sees no CUDA device: set it to auto or cpu, or run a build made "
                + "with -Pgpu (CUDA 12.4) on a machine with an NVIDIA GPU and its driver"), e.getMessage());
    }
}
