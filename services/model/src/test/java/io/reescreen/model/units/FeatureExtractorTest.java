package io.reescreen.model.units;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureExtractorTest {

    @Test
    void thePaperFeaturesAreTheSixOxidesInTheReleasedScriptOrder() {
        assertEquals(List.of("Al2O3", "CaO", "Fe2O3", "MgO", "TiO2", "P2O5"), FeatureSet.PAPER_SIX.formulas());
        assertEquals(FeatureSet.PAPER_SIX, FeatureSet.ofFormulas(List.of("Al2O3", "CaO", "Fe2O3", "MgO", "TiO2",
                "P2O5")));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureSet.of(List.of(MajorOxide.CAO, MajorOxide.CAO)));
    }

    @Test
    void extractsFeaturesFromATableRowInFeatureOrder() {
        // First row of the released 10 % sample (mol %)
        OxideMolPct row = OxideMolPct.ofPaperOrder(new double[] {44.8, 14.36, 26.88, 2.5, 7.41, 1.53, 0.46, 1.19,
            0.44, 0.03});
        FeatureVector v = FeatureExtractor.paperDefault().extract(row);
        assertArrayEquals(new double[] {14.36, 26.88, 2.5, 7.41, 1.19, 0.44}, v.valuesMolPct(), 0.0);
        assertTrue(v.sigmaMolPct().isEmpty());
        assertEquals(2.5, v.molPct(MajorOxide.FE2O3), 0.0);
        assertThrows(IllegalArgumentException.class, () -> v.molPct(MajorOxide.SIO2));
    }

    @Test
    void aReadingWithoutAFeatureOxideIsRefusedNamingIt() {
        OxideWtPctReading reading = OxideWtPctReading.builder()
                .measured(MajorOxide.SIO2, 55).measured(MajorOxide.AL2O3, 25).measured(MajorOxide.FE2O3, 8)
                .measured(MajorOxide.MGO, 1.5).measured(MajorOxide.NA2O, 0.8).measured(MajorOxide.K2O, 2)
                .measured(MajorOxide.P2O5, 0.3).measured(MajorOxide.MNO, 0.05).build();
        MissingFeatureException e = assertThrows(MissingFeatureException.class,
                () -> new FeatureExtractor(FeatureSet.PAPER_SIX, ReadingPolicy.byDifference(MajorOxide.SIO2))
                        .extract(reading));
        assertEquals(Set.of(MajorOxide.CAO, MajorOxide.TIO2), e.oxides());
        assertTrue(e.getMessage().contains("CaO") && e.getMessage().contains("TiO2"), e.getMessage());
    }

    @Test
    void aNonFeatureOxideMayBeTakenByDifferenceAndTheVectorSaysSo() {
        OxideWtPctReading reading = OxideWtPctReading.builder()
                .measured(MajorOxide.AL2O3, 25, 0.5).measured(MajorOxide.CAO, 5, 0.1)
                .measured(MajorOxide.FE2O3, 8, 0.2).measured(MajorOxide.MGO, 1.5, 0.05)
                .measured(MajorOxide.NA2O, 0.8, 0.05).measured(MajorOxide.K2O, 2, 0.05)
                .measured(MajorOxide.TIO2, 1.2, 0.03).measured(MajorOxide.P2O5, 0.3, 0.02)
                .measured(MajorOxide.MNO, 0.05, 0.01).build();
        assertThrows(CompositionException.class, () -> FeatureExtractor.paperDefault().extract(reading),
                "default policy rejects the missing SiO2");
        FeatureVector v = new FeatureExtractor(FeatureSet.PAPER_SIX, ReadingPolicy.byDifference(MajorOxide.SIO2))
                .extract(reading);
        assertEquals(Optional.of(MajorOxide.SIO2), v.provenance().byDifference());
        OxideMolPct expected = reading.resolve(ReadingPolicy.byDifference(MajorOxide.SIO2)).toMolPct();
        assertEquals(expected.molPct(MajorOxide.AL2O3), v.molPct(MajorOxide.AL2O3), 0.0);
        double[] sigma = v.sigmaMolPct().orElseThrow();
        assertEquals(expected.sigmaMolPct(MajorOxide.TIO2), sigma[4], 0.0);
        assertFalse(v.provenance().isFullyMeasured());
    }
}
