package io.reescreen.model.units;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** wt% ↔ mol % over the ten major oxides: properties over many random compositions, and hand-computed cases. */
class CompositionConversionTest {

    private static final int CASES = 5_000;
    private static final double RELATIVE = 1e-9;

    /** Random ten-oxide compositions, some oxides zero, totals 60–105 wt% as in real readings. */
    static double[] randomComposition(Random random) {
        double[] raw = new double[MajorOxide.COUNT];
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            raw[i] = random.nextDouble() < 0.1 ? 0.0 : Math.pow(random.nextDouble(), 3);
            sum += raw[i];
        }
        if (sum == 0) {
            raw[0] = 1;
            sum = 1;
        }
        double total = 60 + 45 * random.nextDouble();
        double largestShare = 0;
        for (double v : raw) {
            largestShare = Math.max(largestShare, v / sum);
        }
        // no single oxide above 100 wt%
        total = Math.min(total, 100 / largestShare);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw[i] / sum * total;
        }
        return raw;
    }

    private static void assertRelativelyClose(double expected, double actual, String what) {
        assertEquals(expected, actual, RELATIVE * Math.abs(expected) + 1e-13, what);
    }

    @Test
    void molPctFromWtPctSumsTo100() {
        Random random = new Random(20240101L);
        for (int n = 0; n < CASES; n++) {
            OxideMolPct mol = OxideWtPct.ofPaperOrder(randomComposition(random)).toMolPct();
            assertEquals(100.0, mol.sumMolPct(), 1e-9);
        }
    }

    @Test
    void wtToMolToWtReturnsTheRenormalisedInput() {
        Random random = new Random(20240102L);
        for (int n = 0; n < CASES; n++) {
            double[] wt = randomComposition(random);
            double total = OxideWtPct.sum(wt);
            double[] back = OxideWtPct.ofPaperOrder(wt).toMolPct().toWtPct().toArrayWtPct();
            for (int i = 0; i < wt.length; i++) {
                assertRelativelyClose(wt[i] / total * 100, back[i], "case " + n + " oxide " + i);
            }
        }
    }

    @Test
    void molToWtToMolReturnsTheRenormalisedInput() {
        Random random = new Random(20240103L);
        for (int n = 0; n < CASES; n++) {
            double[] mol = randomComposition(random);
            double total = OxideWtPct.sum(mol);
            if (total > OxideMolPct.MAX_TOTAL_MOL_PCT) {
                continue;
            }
            OxideWtPct wt = OxideMolPct.ofPaperOrder(mol).toWtPct();
            assertEquals(100.0, wt.sumWtPct(), 1e-9);
            double[] back = wt.toMolPct().toArrayMolPct();
            for (int i = 0; i < mol.length; i++) {
                assertRelativelyClose(mol[i] / total * 100, back[i], "case " + n + " oxide " + i);
            }
        }
    }

    @Test
    void renormalisingIsScaleFree() {
        Random random = new Random(20240104L);
        for (int n = 0; n < CASES; n++) {
            double[] wt = randomComposition(random);
            double[] halved = wt.clone();
            for (int i = 0; i < halved.length; i++) {
                halved[i] /= 2;
            }
            double[] a = OxideWtPct.ofPaperOrder(wt).toMolPct().toArrayMolPct();
            double[] b = OxideWtPct.ofPaperOrder(halved).toMolPct().toArrayMolPct();
            for (int i = 0; i < a.length; i++) {
                assertRelativelyClose(a[i], b[i], "case " + n);
            }
        }
    }

    @Test
    void heavierOxidesLoseShareWhenGoingFromWtToMol() {
        // Mole fraction of oxide i divided by its mass fraction is M̄/M_i: larger than 1 exactly for oxides lighter
        // than the mixture's mean molar mass.
        Random random = new Random(20240105L);
        for (int n = 0; n < 500; n++) {
            OxideWtPct wt = OxideWtPct.ofPaperOrder(randomComposition(random)).renormalised();
            OxideMolPct mol = wt.toMolPct();
            double meanMass = mol.meanMolarMassGPerMol();
            for (MajorOxide o : MajorOxide.values()) {
                if (wt.wtPct(o) > 0) {
                    assertRelativelyClose(meanMass / o.molarMassGPerMol(), mol.molPct(o) / wt.wtPct(o), o.formula());
                }
            }
        }
    }

    @Test
    void pureSilicaIsPureSilicaInEveryUnit() {
        Map<MajorOxide, Double> wt = zeros();
        wt.put(MajorOxide.SIO2, 100.0);
        OxideMolPct mol = OxideWtPct.of(wt).toMolPct();
        assertEquals(100.0, mol.molPct(MajorOxide.SIO2), 1e-12);
        assertEquals(0.0, mol.molPct(MajorOxide.AL2O3), 0.0);
        assertEquals(60.083, mol.meanMolarMassGPerMol(), 1e-9);
    }

    @Test
    void halfSilicaHalfAluminaByMassComputedByHand() {
        // 50 g SiO2 / 60.083 g/mol = 0.8321821480 mol; 50 g Al2O3 / 101.9600768 g/mol = 0.4903880182 mol.
        // Mole %: SiO2 0.8321821480 / 1.3225701662 = 62.9215877738 %, Al2O3 37.0784122262 %.
        // Mean molar mass: 100 g / 1.3225701662 mol = 75.6103551642 g/mol.
        Map<MajorOxide, Double> wt = zeros();
        wt.put(MajorOxide.SIO2, 50.0);
        wt.put(MajorOxide.AL2O3, 50.0);
        OxideMolPct mol = OxideWtPct.of(wt).toMolPct();
        assertEquals(62.9215877738, mol.molPct(MajorOxide.SIO2), 1e-9);
        assertEquals(37.0784122262, mol.molPct(MajorOxide.AL2O3), 1e-9);
        assertEquals(75.6103551642, mol.meanMolarMassGPerMol(), 1e-9);
        // and back
        OxideWtPct back = mol.toWtPct();
        assertEquals(50.0, back.wtPct(MajorOxide.SIO2), 1e-9);
        assertEquals(50.0, back.wtPct(MajorOxide.AL2O3), 1e-9);
    }

    @Test
    void tableRowsThatDoNotSumTo100KeepTheirValues() {
        double[] row = {44.8, 14.36, 26.88, 2.5, 7.41, 1.53, 0.46, 1.19, 0.44, 0.03}; // sums to 99.6
        OxideMolPct mol = OxideMolPct.ofPaperOrder(row);
        assertEquals(99.6, mol.sumMolPct(), 1e-9);
        assertEquals(14.36, mol.molPct(MajorOxide.AL2O3), 0.0);
        assertEquals(100.0, mol.renormalised().sumMolPct(), 1e-9);
    }

    @Test
    void impossibleCompositionsAreRefusedWithTheOxideNamed() {
        Map<MajorOxide, Double> wt = zeros();
        wt.put(MajorOxide.CAO, -1.0);
        CompositionException e = assertThrows(CompositionException.class, () -> OxideWtPct.of(wt));
        assertTrue(e.getMessage().contains("CaO"), e.getMessage());
        assertThrows(CompositionException.class, () -> OxideWtPct.of(zeros()), "all zero");
        Map<MajorOxide, Double> incomplete = zeros();
        incomplete.remove(MajorOxide.SIO2);
        CompositionException missing = assertThrows(CompositionException.class, () -> OxideWtPct.of(incomplete));
        assertTrue(missing.oxides().contains(MajorOxide.SIO2));
        double[] tooMuch = new double[MajorOxide.COUNT];
        java.util.Arrays.fill(tooMuch, 11.0);
        assertThrows(CompositionException.class, () -> OxideMolPct.ofPaperOrder(tooMuch), "110 mol %");
    }

    private static Map<MajorOxide, Double> zeros() {
        Map<MajorOxide, Double> m = new EnumMap<>(MajorOxide.class);
        for (MajorOxide o : MajorOxide.values()) {
            m.put(o, 0.0);
        }
        return m;
    }
}
