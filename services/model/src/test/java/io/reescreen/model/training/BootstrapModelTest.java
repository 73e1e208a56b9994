package io.reescreen.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
    void aSyntheticBootstrapRecordsNoWallClockTime() {
        BootstrapModel model = BootstrapModel.trainSynthetic(SMALL);
        assertEquals("1970-01-01T00:00:00Z", model.artifact().trainingSummary().get("trained_at"));
    }
}
