package io.reescreen.model.units;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** REE element ppm ↔ oxide ppm by mass ↔ oxide ppm by mole, and major-element ppm → oxide wt%. */
class ReeUnitsTest {

    private static final double RELATIVE = 1e-12;

    private static OxideMolPct pureSilica() {
        double[] mol = new double[MajorOxide.COUNT];
        mol[MajorOxide.SIO2.ordinal()] = 100;
        return OxideMolPct.ofPaperOrder(mol);
    }

    @Test
    void elementToOxideToElementRoundTripsForEveryRee() {
        Random random = new Random(42L);
        for (int n = 0; n < 10_000; n++) {
            ReeOxide oxide = ReeOxide.values()[random.nextInt(ReeOxide.COUNT)];
            double ppm = Math.pow(10, 3 * random.nextDouble() - 1);
            double meanMass = 55 + 20 * random.nextDouble();
            double oxideMass = ReeUnits.oxidePpmMassFromElementPpm(oxide, ppm);
            double ppmMol = ReeUnits.oxidePpmMolFromOxidePpmMass(oxide, oxideMass, meanMass);
            double back = ReeUnits.elementPpmFromOxidePpmMass(oxide,
                    ReeUnits.oxidePpmMassFromOxidePpmMol(oxide, ppmMol, meanMass));
            assertEquals(ppm, back, RELATIVE * ppm, oxide.formula());
        }
    }

    @Test
    void knownValuesComputedByHand() {
        // 100 ppm Ce as CeO2: 100 · 172.114 / 140.116 = 122.8367923... ppm
        assertEquals(100 * 172.114 / 140.116, ReeUnits.oxidePpmMassFromElementPpm(ReeOxide.CEO2, 100), 1e-10);
        // 10 ppm La as La2O3: 10 · (2·138.90547 + 3·15.999) / (2·138.90547) = 11.72776...
        assertEquals(10 * 325.80794 / 277.81094, ReeUnits.oxidePpmMassFromElementPpm(ReeOxide.LA2O3, 10), 1e-10);
        // In pure silica (M̄ = 60.083 g/mol) 1 ppm mol of CeO2 is 172.114/60.083 ppm by mass of CeO2.
        assertEquals(172.114 / 60.083,
                ReeUnits.oxidePpmMassFromOxidePpmMol(ReeOxide.CEO2, 1.0, pureSilica().meanMolarMassGPerMol()), 1e-12);
        // ... and of Ce: 140.116/60.083
        assertEquals(140.116 / 60.083, ReeUnits.elementPpmFromOxidePpmMol(ReeOxide.CEO2, 1.0, pureSilica()), 1e-12);
        // Y2O3 carries two Y per formula: 1 ppm mol → 2·88.905838/60.083 ppm Y
        assertEquals(2 * 88.905838 / 60.083, ReeUnits.elementPpmFromOxidePpmMol(ReeOxide.Y2O3, 1.0, pureSilica()),
                1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> ReeUnits.oxidePpmMolFromOxidePpmMass(ReeOxide.CEO2, 1, 0.0));
    }

    @Test
    void vectorsRoundTripThroughTheAshComposition() {
        Random random = new Random(43L);
        for (int n = 0; n < 1_000; n++) {
            Map<Element, Double> ppm = new EnumMap<>(Element.class);
            for (ReeOxide o : ReeOxide.values()) {
                ppm.put(o.element(), 200 * random.nextDouble());
            }
            OxideMolPct ash = OxideWtPct.ofPaperOrder(CompositionConversionTest.randomComposition(random)).toMolPct();
            ReeElementPpm elements = ReeElementPpm.of(ppm);
            ReeElementPpm back = elements.toOxidePpmMol(ash).toElementPpm(ash);
            for (ReeOxide o : ReeOxide.values()) {
                assertEquals(elements.ppm(o.element()), back.ppm(o.element()),
                        RELATIVE * elements.ppm(o.element()) + 1e-14);
            }
        }
    }

    @Test
    void heavierAshMeansMoreMolesOfReePerMoleOfAsh() {
        // ppm mol = ppm mass · M̄ / M(REO): the same mass content is more ppm mol in an ash of heavier oxides.
        double light = ReeUnits.oxidePpmMolFromElementPpm(ReeOxide.LA2O3, 50, pureSilica());
        double[] heavy = new double[MajorOxide.COUNT];
        heavy[MajorOxide.FE2O3.ordinal()] = 100;
        double heavier = ReeUnits.oxidePpmMolFromElementPpm(ReeOxide.LA2O3, 50, OxideMolPct.ofPaperOrder(heavy));
        assertEquals(MajorOxide.FE2O3.molarMassGPerMol() / MajorOxide.SIO2.molarMassGPerMol(), heavier / light, 1e-12);
    }

    @Test
    void majorElementPpmToOxideWtPct() {
        // 1 wt% Al = 10 000 ppm → Al2O3 = 101.9600768 / 53.9630768 = 1.889440... wt%
        assertEquals(101.9600768 / 53.9630768, MajorElementUnits.oxideWtPctFromElementPpm(MajorOxide.AL2O3, 10_000),
                1e-12);
        assertEquals(101.9600768 / 53.9630768, MajorElementUnits.oxideWtPctFromElementWtPct(MajorOxide.AL2O3, 1.0),
                1e-12);
        Random random = new Random(44L);
        for (int n = 0; n < 10_000; n++) {
            MajorOxide o = MajorOxide.values()[random.nextInt(MajorOxide.COUNT)];
            double ppm = 1e5 * random.nextDouble();
            assertEquals(ppm, MajorElementUnits.elementPpmFromOxideWtPct(o,
                    MajorElementUnits.oxideWtPctFromElementPpm(o, ppm)), RELATIVE * ppm + 1e-12);
        }
    }

    @Test
    void incompleteReeVectorsAreRefused() {
        Map<Element, Double> ppm = new EnumMap<>(Element.class);
        ppm.put(Element.CE, 100.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReeElementPpm.of(ppm));
        assertEquals(true, e.getMessage().contains("missing"), e.getMessage());
        Map<Element, Double> withIron = new EnumMap<>(Element.class);
        for (ReeOxide o : ReeOxide.values()) {
            withIron.put(o.element(), 1.0);
        }
        withIron.put(Element.FE, 1.0);
        assertThrows(IllegalArgumentException.class, () -> ReeElementPpm.of(withIron));
    }
}
