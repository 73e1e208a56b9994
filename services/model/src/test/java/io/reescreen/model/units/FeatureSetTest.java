package io.reescreen.model.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSetTest {

    @Test
    void thePaperFeaturesAreTheSixOxidesInTheReleasedScriptOrder() {
        assertEquals(List.of("Al2O3", "CaO", "Fe2O3", "MgO", "TiO2", "P2O5"), FeatureSet.PAPER_SIX.formulas());
        assertEquals(FeatureSet.PAPER_SIX, FeatureSet.ofFormulas(List.of("Al2O3", "CaO", "Fe2O3", "MgO", "TiO2",
                "P2O5")));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureSet.of(List.of(MajorOxide.CAO, MajorOxide.CAO)));
    }
}
