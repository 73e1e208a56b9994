package io.reescreen.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapModelTest {

    private static final BootstrapModel.SyntheticSpecification SMALL =
            new BootstrapModel.SyntheticSpecification(60, 2, 4, 42L);

    @Test
    void theSameSyntheticSpecificationGivesTheSameVersionOnEveryTraining() {
        String first = BootstrapModel.trainSynthetic(SMALL).version();
        String second = BootstrapModel.trainSynthetic(SMALL).version();
        assertEquals(first, second);
    }

    @Test
    void anotherSeedGivesAnotherVersion() {
        String seed42 = BootstrapModel.trainSynthetic(SMALL).version();
        String seed43 = BootstrapModel.trainSynthetic(new BootstrapModel.SyntheticSpecification(60, 2, 4, 43L)).version();
        assertNotEquals(seed42, seed43);
    }

    @Test
    void aSyntheticBootstrapsIntervalsAreCalibratedOnFreshSyntheticRows() {
        BootstrapModel model = BootstrapModel.trainSynthetic(SMALL);
        assertEquals(60.0, model.artifact().metrics().get("residual_rows_count"));
        assertTrue(model.artifact().trainingSummary().get("residual").startsWith("calibrated on "),
                model.artifact().trainingSummary().toString());
        assertTrue(model.artifact().residualLogSd() > 0, "a 4-epoch ensemble is over-confident; its residual term says so: "
                + model.artifact().residualLogSd());
        assertEquals(model.artifact().residualLogSd(), model.artifact().metrics().get("residual_log_sd_ratio"));
    }

    @Test
    void aSyntheticBootstrapRecordsNoWallClockTime() {
        BootstrapModel model = BootstrapModel.trainSynthetic(SMALL);
        assertEquals("1970-01-01T00:00:00Z", model.artifact().trainingSummary().get("trained_at"));
    }
}
