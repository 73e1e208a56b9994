package io.reescreen.screener.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reescreen.model.ensemble.ModelDevice;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.screener.metrics.MicrometerScreenerMetrics;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.testing.TestModels;
import org.junit.jupiter.api.Test;

/** What {@code GET /model} says of the model in force, from the describer behind it. */
class ModelDescriberTest {

    @Test
    void getModelShowsTheDevice() {
        BootstrapModel bootstrap = new BootstrapModel(TestModels.trained(), "synthetic", "a test model");
        ModelDevice device = ModelDevice.resolve(ModelDevice.Choice.AUTO, () -> 0, "PyTorch (test)");
        try (CurrentModel models = CurrentModel.bootstrap("ree-mtnn", bootstrap.artifact(), bootstrap.label())) {
            MicrometerScreenerMetrics metrics = new MicrometerScreenerMetrics(new SimpleMeterRegistry(), models);
            // The bootstrap model's view never queries the streams' stores: no streams needed.
            ModelView view = new ModelDescriber(null, models, bootstrap, metrics, device).describe();
            assertEquals("cpu", view.device());
            assertEquals("auto", view.deviceRequested());
            assertEquals(models.info().version(), view.version());
        }
    }
}
