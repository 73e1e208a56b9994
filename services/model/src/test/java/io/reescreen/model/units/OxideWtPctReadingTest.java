package io.reescreen.model.units;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Missing oxides, by-difference values and below-detection values. */
class OxideWtPctReadingTest {

    /** A fly-ash-like reading with every oxide except SiO2 (which four-acid digestion loses). */
    private static OxideWtPctReading.Builder withoutSilica() {
        return OxideWtPctReading.builder()
                .measured(MajorOxide.AL2O3, 25.0, 0.5)
                .measured(MajorOxide.CAO, 5.0, 0.1)
                .measured(MajorOxide.FE2O3, 8.0, 0.2)
                .measured(MajorOxide.MGO, 1.5, 0.05)
                .measured(MajorOxide.NA2O, 0.8, 0.05)
                .measured(MajorOxide.K2O, 2.0, 0.05)
                .measured(MajorOxide.TIO2, 1.2, 0.03)
                .measured(MajorOxide.P2O5, 0.3, 0.02)
                .measured(MajorOxide.MNO, 0.05, 0.01);
    }

    @Test
    void aMissingOxideIsRejectedByDefaultAndNamed() {
        OxideWtPctReading reading = withoutSilica().build();
        assertEquals(EnumSet.of(MajorOxide.SIO2), reading.missing());
        CompositionException e = assertThrows(CompositionException.class,
                () -> reading.resolve(ReadingPolicy.rejectMissing()));
        assertEquals(Set.of(MajorOxide.SIO2), e.oxides());
        assertTrue(e.getMessage().contains("SiO2"), e.getMessage());
    }

    @Test
    void silicaByDifferenceIsOneHundredMinusTheRestAndIsRecorded() {
        OxideWtPct wt = withoutSilica().build().resolve(ReadingPolicy.byDifference(MajorOxide.SIO2));
        // 100 - (25 + 5 + 8 + 1.5 + 0.8 + 2 + 1.2 + 0.3 + 0.05) = 56.15
        assertEquals(56.15, wt.wtPct(MajorOxide.SIO2), 1e-12);
        assertEquals(100.0, wt.sumWtPct(), 1e-12);
        assertEquals(Optional.of(MajorOxide.SIO2), wt.provenance().byDifference());
        assertEquals(Optional.of(MajorOxide.SIO2), wt.toMolPct().provenance().byDifference(),
                "provenance travels to mol %");
        // σ² of a difference is the sum of the σ² of its terms
        double variance = 0.25 + 0.01 + 0.04 + 0.0025 + 0.0025 + 0.0025 + 0.0009 + 0.0004 + 0.0001;
        assertEquals(Math.sqrt(variance), wt.sigmaWtPct(MajorOxide.SIO2), 1e-12);
        assertEquals(-0.25, wt.covarianceWtPct2()[MajorOxide.SIO2.ordinal()][MajorOxide.AL2O3.ordinal()], 1e-15);
    }

    @Test
    void silicaByDifferenceGivesAluminaAtItsTrueMolarShareWhereRenormalisingDoublesIt() {
        // The reject-ash trap (ARCHITECTURE.md): renormalising only the measured oxides drops ~56 wt% of SiO2.
        OxideMolPct byDifference = withoutSilica().build().resolve(ReadingPolicy.byDifference(MajorOxide.SIO2))
                .toMolPct();
        OxideWtPct measuredOnly = withoutSilica().measured(MajorOxide.SIO2, 0.0).build()
                .resolve(ReadingPolicy.rejectMissing());
        double wrong = measuredOnly.toMolPct().molPct(MajorOxide.AL2O3);
        assertTrue(wrong > 2.5 * byDifference.molPct(MajorOxide.AL2O3),
                "renormalised " + wrong + " vs by difference " + byDifference.molPct(MajorOxide.AL2O3));
    }

    @Test
    void onlyTheConfiguredOxideAloneMayBeTakenByDifference() {
        OxideWtPctReading twoMissing = OxideWtPctReading.builder()
                .measured(MajorOxide.AL2O3, 25).measured(MajorOxide.CAO, 5).measured(MajorOxide.FE2O3, 8)
                .measured(MajorOxide.MGO, 1.5).measured(MajorOxide.NA2O, 0.8).measured(MajorOxide.K2O, 2)
                .measured(MajorOxide.TIO2, 1.2).measured(MajorOxide.P2O5, 0.3).build();
        CompositionException e = assertThrows(CompositionException.class,
                () -> twoMissing.resolve(ReadingPolicy.byDifference(MajorOxide.SIO2)));
        assertEquals(EnumSet.of(MajorOxide.SIO2, MajorOxide.MNO), e.oxides());

        OxideWtPctReading noAlumina = OxideWtPctReading.builder()
                .measured(MajorOxide.SIO2, 55).measured(MajorOxide.CAO, 5).measured(MajorOxide.FE2O3, 8)
                .measured(MajorOxide.MGO, 1.5).measured(MajorOxide.NA2O, 0.8).measured(MajorOxide.K2O, 2)
                .measured(MajorOxide.TIO2, 1.2).measured(MajorOxide.P2O5, 0.3).measured(MajorOxide.MNO, 0.1)
                .build();
        CompositionException wrongOxide = assertThrows(CompositionException.class,
                () -> noAlumina.resolve(ReadingPolicy.byDifference(MajorOxide.SIO2)));
        assertEquals(Set.of(MajorOxide.AL2O3), wrongOxide.oxides());
        assertTrue(wrongOxide.getMessage().contains("Al2O3"), wrongOxide.getMessage());
        // but configured for Al2O3 it works
        // 100 - (55 + 5 + 8 + 1.5 + 0.8 + 2 + 1.2 + 0.3 + 0.1) = 26.1
        assertEquals(26.1, noAlumina.resolve(ReadingPolicy.byDifference(MajorOxide.AL2O3))
                .wtPct(MajorOxide.AL2O3), 1e-9);
    }

    @Test
    void aDifferenceBelowZeroIsRefused() {
        OxideWtPctReading overfull = withoutSilica().build();
        OxideWtPctReading tooMuch = OxideWtPctReading.builder()
                .measured(MajorOxide.AL2O3, 60).measured(MajorOxide.CAO, 45).measured(MajorOxide.FE2O3, 1)
                .measured(MajorOxide.MGO, 1).measured(MajorOxide.NA2O, 1).measured(MajorOxide.K2O, 1)
                .measured(MajorOxide.TIO2, 1).measured(MajorOxide.P2O5, 1).measured(MajorOxide.MNO, 1).build();
        CompositionException e = assertThrows(CompositionException.class,
                () -> tooMuch.resolve(ReadingPolicy.byDifference(MajorOxide.SIO2)));
        assertTrue(e.getMessage().contains("112"), e.getMessage());
        assertEquals(56.15, overfull.resolve(ReadingPolicy.byDifference(MajorOxide.SIO2))
                .wtPct(MajorOxide.SIO2), 1e-9);
    }

    @Test
    void belowDetectionDefaultsToHalfTheLimitWithUniformSigma() {
        OxideWtPct wt = withoutSilica().measured(MajorOxide.SIO2, 55.0, 1.0).build()
                .resolve(ReadingPolicy.rejectMissing());
        assertTrue(wt.provenance().isFullyMeasured());

        OxideWtPctReading reading = OxideWtPctReading.builder()
                .measured(MajorOxide.SIO2, 55.0, 1.0).measured(MajorOxide.AL2O3, 25.0, 0.5)
                .measured(MajorOxide.CAO, 5.0, 0.1).measured(MajorOxide.FE2O3, 8.0, 0.2)
                .measured(MajorOxide.MGO, 1.5, 0.05).measured(MajorOxide.NA2O, 0.8, 0.05)
                .measured(MajorOxide.K2O, 2.0, 0.05).measured(MajorOxide.TIO2, 1.2, 0.03)
                .measured(MajorOxide.P2O5, 0.3, 0.02).belowDetection(MajorOxide.MNO, 0.02).build();
        OxideWtPct half = reading.resolve(ReadingPolicy.rejectMissing());
        assertEquals(0.01, half.wtPct(MajorOxide.MNO), 1e-15);
        assertEquals(0.02 / Math.sqrt(12), half.sigmaWtPct(MajorOxide.MNO), 1e-15);
        assertEquals(Set.of(MajorOxide.MNO), half.provenance().belowDetection());

        OxideWtPct zero = reading.resolve(ReadingPolicy.rejectMissing().withBelowDetection(BelowDetectionPolicy.ZERO));
        assertEquals(0.0, zero.wtPct(MajorOxide.MNO), 0.0);
        assertEquals(0.02 / Math.sqrt(3), zero.sigmaWtPct(MajorOxide.MNO), 1e-15);

        CompositionException e = assertThrows(CompositionException.class, () -> reading.resolve(
                ReadingPolicy.rejectMissing().withBelowDetection(BelowDetectionPolicy.REJECT)));
        assertEquals(Set.of(MajorOxide.MNO), e.oxides());
    }

    @Test
    void everyProblemOfAReadingIsReportedAtOnce() {
        OxideWtPctReading reading = OxideWtPctReading.builder()
                .measured(MajorOxide.AL2O3, 25).belowDetection(MajorOxide.P2O5, 0.05).build();
        CompositionException e = assertThrows(CompositionException.class, () -> reading.resolve(
                ReadingPolicy.rejectMissing().withBelowDetection(BelowDetectionPolicy.REJECT)));
        assertTrue(e.oxides().contains(MajorOxide.P2O5));
        assertTrue(e.oxides().contains(MajorOxide.SIO2));
        assertTrue(e.oxides().contains(MajorOxide.MNO));
        assertFalse(e.oxides().contains(MajorOxide.AL2O3));
    }

    @Test
    void readingsWithoutSigmaCarryNoUncertainty() {
        OxideWtPct wt = OxideWtPctReading.builder()
                .measured(MajorOxide.AL2O3, 25).measured(MajorOxide.CAO, 5).measured(MajorOxide.FE2O3, 8)
                .measured(MajorOxide.MGO, 1.5).measured(MajorOxide.NA2O, 0.8).measured(MajorOxide.K2O, 2)
                .measured(MajorOxide.TIO2, 1.2).measured(MajorOxide.P2O5, 0.3).measured(MajorOxide.MNO, 0.05)
                .build().resolve(ReadingPolicy.byDifference(MajorOxide.SIO2));
        assertFalse(wt.hasUncertainty());
        assertFalse(wt.toMolPct().hasUncertainty());
        assertThrows(IllegalStateException.class, () -> wt.sigmaWtPct(MajorOxide.SIO2));
    }

    @Test
    void elementPpmInputsAreConvertedToOxides() {
        OxideWtPctReading reading = withoutSilica().build();
        OxideWtPctReading fromPpm = OxideWtPctReading.builder()
                .measuredAsElementPpm(MajorOxide.MNO, 1000, 10).build();
        OxideWtPctReading.Measured m = (OxideWtPctReading.Measured) fromPpm.value(MajorOxide.MNO).orElseThrow();
        // 1000 mg/kg Mn = 0.1 wt% Mn; × (54.938043 + 15.999) / 54.938043 = 0.12912 wt% MnO
        assertEquals(0.1 * 70.937043 / 54.938043, m.wtPct(), 1e-12);
        assertEquals(0.001 * 70.937043 / 54.938043, m.sigmaWtPct().getAsDouble(), 1e-12);
        assertTrue(reading.value(MajorOxide.SIO2).isEmpty());
        assertThrows(IllegalStateException.class,
                () -> OxideWtPctReading.builder().measured(MajorOxide.CAO, 1).measured(MajorOxide.CAO, 2));
    }
}
