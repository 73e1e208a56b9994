package io.reescreen.simulator;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.XrfReading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XrfAnalyzerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final SimulatedLot LOT = LotMix.of(1, 1.0, 21).draw("unit").get(0);

    private static List<XrfReading> shots(AnalyzerProfile profile, SimulatedLot lot, int n, long seed) {
        XrfAnalyzer analyzer = new XrfAnalyzer(profile);
        Random random = new Random(seed);
        List<XrfReading> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(analyzer.shoot(lot, "r" + i, T0, random));
        }
        return out;
    }

    private static AnalyteReading analyte(XrfReading reading, String name) {
        return reading.getAnalytes().stream().filter(a -> a.getAnalyte().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from " + reading));
    }

    @Test
    void oxideShotsAreNamedByFormulaAndCarryTheReadingsMetadata() {
        AnalyzerProfile profile = AnalyzerProfile.handheldOxide("HH");
        XrfReading r = shots(profile, LOT, 1, 1).get(0);
        assertEquals(CompositionBasis.OXIDE_WT_PCT, r.getBasis());
        assertEquals(MaterialBasis.ASH, r.getMaterialBasis());
        assertEquals("HH", r.getAnalyzerId());
        assertEquals(profile.calibrationId(), r.getCalibrationId());
        assertEquals(LOT.lotId(), r.getLotId());
        assertEquals(T0, r.getSampledAt());
        assertEquals(List.of("SiO2", "Al2O3", "CaO", "Fe2O3", "MgO", "Na2O", "K2O", "TiO2", "P2O5", "MnO"),
                r.getAnalytes().stream().map(AnalyteReading::getAnalyte).toList());
    }

    @Test
    void elementShotsAreNamedBySymbolAndAnalyzersWithoutSilicaLeaveItOut() {
        XrfReading ppm = shots(AnalyzerProfile.onlineElementPpm("ONL"), LOT, 1, 1).get(0);
        assertEquals(CompositionBasis.ELEMENT_PPM, ppm.getBasis());
        assertEquals(List.of("Si", "Al", "Ca", "Fe", "Mg", "Na", "K", "Ti", "P", "Mn"),
                ppm.getAnalytes().stream().map(AnalyteReading::getAnalyte).toList());
        XrfReading noSi = shots(AnalyzerProfile.handheldWithoutSilica("HH2"), LOT, 1, 1).get(0);
        assertEquals(9, noSi.getAnalytes().size());
        assertTrue(noSi.getAnalytes().stream().noneMatch(a -> a.getAnalyte().equals("SiO2")));
    }

    @Test
    void theScatterAndTheReportedSigmaMatchTheProfilesPrecision() {
        for (AnalyzerProfile profile : AnalyzerProfile.defaultFleet()) {
            int n = 4000;
            List<XrfReading> readings = shots(profile, LOT, n, 7);
            String name = profile.analyteName(MajorOxide.AL2O3);
            double truth = profile.toBasisUnit(MajorOxide.AL2O3, LOT.trueWtPct(MajorOxide.AL2O3));
            double sum = 0;
            double sumSq = 0;
            for (XrfReading r : readings) {
                AnalyteReading a = analyte(r, name);
                double v = a.getValueInBasisUnit();
                sum += v;
                sumSq += v * v;
                double limit = profile.detectionLimitInBasisUnit(MajorOxide.AL2O3);
                assertEquals(Math.hypot(profile.relativeSigma() * v, limit / 3), a.getSigma1InBasisUnit(), 1e-9 * v,
                        "the reported 1σ follows the measured value");
            }
            double mean = sum / n;
            double sd = Math.sqrt(sumSq / n - mean * mean);
            double expectedSd = profile.relativeSigma() * truth;
            assertEquals(truth, mean, 4 * expectedSd / Math.sqrt(n), profile.analyzerId() + " is unbiased");
            assertEquals(expectedSd, sd, 0.08 * expectedSd, profile.analyzerId() + " scatters at its precision");
        }
    }

    @Test
    void elementPpmConvertsBackToTheTrueOxideWtPct() {
        AnalyzerProfile profile = AnalyzerProfile.onlineElementPpm("ONL");
        int n = 3000;
        Map<MajorOxide, double[]> sums = new EnumMap<>(MajorOxide.class);
        for (XrfReading r : shots(profile, LOT, n, 3)) {
            for (AnalyteReading a : r.getAnalytes()) {
                MajorOxide oxide = ReadingChecks.oxideOf(CompositionBasis.ELEMENT_PPM, a.getAnalyte());
                double[] s = sums.computeIfAbsent(oxide, o -> new double[2]);
                if (a.getValueInBasisUnit() != null) {
                    s[0] += ReadingChecks.wtPct(CompositionBasis.ELEMENT_PPM, oxide, a.getValueInBasisUnit());
                    s[1]++;
                }
            }
        }
        for (MajorOxide oxide : MajorOxide.values()) {
            double truth = LOT.trueWtPct(oxide);
            double limitWtPct = ReadingChecks.wtPct(CompositionBasis.ELEMENT_PPM, oxide,
                    profile.detectionLimitInBasisUnit(oxide));
            if (truth < 10 * limitWtPct) {
                continue; // near the limit the mean of the detected shots is biased upwards by the cut
            }
            double[] s = sums.get(oxide);
            assertEquals(n, s[1], oxide + " always detected");
            double sigma = Math.hypot(profile.relativeSigma() * truth, limitWtPct / 3);
            assertEquals(truth, s[0] / s[1], 4 * sigma / Math.sqrt(n), oxide + ": ppm back to wt % is the truth");
        }
    }

    @Test
    void elementPpmIsMgPerKgOfTheElement() {
        // Independent of the model's converters: Al2O3 is 2·26.98/101.96 = 52.93 % Al by mass, 1 wt % = 10 000 mg/kg.
        AnalyzerProfile ppm = AnalyzerProfile.onlineElementPpm("ONL");
        assertEquals(10.0 * 0.52925 * 1e4, ppm.toBasisUnit(MajorOxide.AL2O3, 10.0), 5);
        // CaO is 40.078/56.077 = 71.47 % Ca.
        assertEquals(10.0 * 0.71470 * 1e4, ppm.toBasisUnit(MajorOxide.CAO, 10.0), 5);
        assertEquals(10.0, ppm.toOxideWtPct(MajorOxide.AL2O3, ppm.toBasisUnit(MajorOxide.AL2O3, 10.0)), 1e-12);
        assertEquals(10.0, AnalyzerProfile.handheldOxide("HH").toBasisUnit(MajorOxide.AL2O3, 10.0));
    }

    @Test
    void valuesUnderTheDetectionLimitAreReportedAsBelowDetection() {
        // A MnO limit far above any ash's MnO (< 1 wt %): nearly every shot is "<LOD". With LOD = 3σ of a blank, a
        // small share of shots still crosses it, as on a real analyzer; those report a value at or above the limit.
        AnalyzerProfile profile = AnalyzerProfile.handheldOxide("HH").withDetectionLimit(MajorOxide.MNO, 5.0);
        int below = 0;
        int n = 400;
        for (XrfReading r : shots(profile, LOT, n, 5)) {
            AnalyteReading mno = analyte(r, "MnO");
            assertEquals(5.0, mno.getDetectionLimitInBasisUnit());
            if (mno.getBelowDetection()) {
                below++;
                assertNull(mno.getValueInBasisUnit());
                assertNull(mno.getSigma1InBasisUnit());
            } else {
                assertTrue(mno.getValueInBasisUnit() >= 5.0);
            }
        }
        assertTrue(below >= 0.97 * n, below + " of " + n + " below detection");
    }

    @Test
    void everyReportedValueIsAtOrAboveItsLimitAndEveryLimitIsGiven() {
        for (AnalyzerProfile profile : AnalyzerProfile.defaultFleet()) {
            for (SimulatedLot lot : LotMix.of(30, 0.5, 17).draw("lod")) {
                for (XrfReading r : shots(profile, lot, 5, 9)) {
                    for (AnalyteReading a : r.getAnalytes()) {
                        assertNotNull(a.getDetectionLimitInBasisUnit());
                        if (a.getBelowDetection()) {
                            assertNull(a.getValueInBasisUnit());
                        } else {
                            assertTrue(a.getValueInBasisUnit() >= a.getDetectionLimitInBasisUnit(), a.toString());
                            assertTrue(a.getSigma1InBasisUnit() > 0);
                        }
                    }
                    assertTrue(ReadingChecks.totalWtPct(r) <= XrfAnalyzer.MAX_GOOD_TOTAL_WT_PCT);
                }
            }
        }
    }

    @Test
    void sodiumIsOftenBelowAHandheldsLimitButNeverAluminium() {
        int naBelow = 0;
        int total = 0;
        for (SimulatedLot lot : LotMix.of(50, 0.5, 23).draw("na")) {
            for (XrfReading r : shots(AnalyzerProfile.handheldOxide("HH"), lot, 2, 4)) {
                total++;
                naBelow += analyte(r, "Na2O").getBelowDetection() ? 1 : 0;
                assertFalse(analyte(r, "Al2O3").getBelowDetection());
            }
        }
        assertTrue(naBelow > 0 && naBelow < total, naBelow + " of " + total);
    }

    @Test
    void profilesRefuseWhatNoAnalyzerDoes() {
        AnalyzerProfile hh = AnalyzerProfile.handheldOxide("HH");
        assertThrows(IllegalArgumentException.class, () -> hh.withRelativeSigma(0.5));
        assertThrows(IllegalArgumentException.class, () -> hh.withDetectionLimit(MajorOxide.MGO, 0));
        assertThrows(IllegalArgumentException.class, () -> new AnalyzerProfile("X", null, CompositionBasis.UNKNOWN,
                0.02, hh.detectionLimitsInBasisUnit(), true));
        assertThrows(IllegalArgumentException.class, () -> new AnalyzerProfile("X", null,
                CompositionBasis.OXIDE_WT_PCT, 0.02, Map.of(MajorOxide.AL2O3, 0.1), true));
    }
}
