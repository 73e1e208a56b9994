package io.reescreen.model.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The conversions the services reach for: ash basis, an analyte's unit, a lab's REE unit, a total REE, closure. */
class ServiceUnitEntryPointsTest {

    private static final double RELATIVE = 1e-12;

    /** A plausible coal ash, mol % in the paper's order (SiO2 ... MnO). */
    private static OxideMolPct ash() {
        return OxideMolPct.ofPaperOrder(new double[] {62, 20, 6, 4, 3, 1.5, 1.5, 1, 0.6, 0.4});
    }

    @Test
    void aWholeCoalValueIsScaledByHundredOverTheAshYield() {
        AshBasis coal = AshBasis.wholeCoal(25);
        assertEquals(8.0, coal.onAsh(2.0));
        assertTrue(coal.rescales());
        assertEquals(2.0, AshBasis.ash().onAsh(2.0));
        assertFalse(AshBasis.ash().rescales());
        assertFalse(AshBasis.wholeCoal(100).rescales(), "coal that is all ash needs no scaling");
    }

    @Test
    void anElementInPpmCountsAsTenThousandthsOfAWtPctAndAnOxideAsGiven() {
        assertEquals(0.5, AnalyteUnit.ELEMENT_PPM.wtPct(5000));
        assertEquals(3.25, AnalyteUnit.OXIDE_WT_PCT.wtPct(3.25));
        // Al 10 000 ppm is 1 wt % Al, i.e. 1.8894 wt % Al2O3
        assertEquals(1.8894, AnalyteUnit.ELEMENT_PPM.majorOxideWtPct(MajorOxide.AL2O3, 10_000), 1e-4);
        assertEquals(18.0, AnalyteUnit.OXIDE_WT_PCT.majorOxideWtPct(MajorOxide.AL2O3, 18.0));
    }

    @Test
    void oneRareEarthContentGivesTheSamePpmMolWhicheverUnitTheLabUsed() {
        OxideMolPct ash = ash();
        for (ReeOxide oxide : ReeOxide.values()) {
            double elementPpm = 37.5;
            double oxidePpmMass = ReeUnits.oxidePpmMassFromElementPpm(oxide, elementPpm);
            double ppmMol = ReeContentUnit.ELEMENT_PPM_MASS.toOxidePpmMol(oxide, elementPpm, ash);
            assertEquals(ppmMol, ReeContentUnit.OXIDE_PPM_MASS.toOxidePpmMol(oxide, oxidePpmMass, ash),
                    RELATIVE * ppmMol, oxide.formula());
            assertEquals(ppmMol, ReeContentUnit.OXIDE_PPM_MOL.toOxidePpmMol(oxide, ppmMol, ash), 0.0);
        }
    }

    @Test
    void aTotalOfOneRareEarthConvertsAsThatRareEarthDoes() {
        OxideMolPct ash = ash();
        double[] pattern = new double[ReeOxide.COUNT];
        pattern[ReeOxide.LA2O3.ordinal()] = 80;
        pattern[ReeOxide.CEO2.ordinal()] = -3; // a model's estimate below zero counts as none
        double perElementPpm = ReeUnits.oxidePpmMolFromElementPpm(ReeOxide.LA2O3, 1.0, ash);
        assertEquals(perElementPpm, TotalReeUnits.oxidePpmMolPerElementPpm(pattern, ash), RELATIVE * perElementPpm);
        assertEquals(300 * TotalReeUnits.oxidePpmMolPerElementPpm(pattern, ash),
                TotalReeUnits.oxidePpmMolFromElementPpm(300, pattern, ash), 0.0);
    }

    @Test
    void aTotalCannotBeConvertedWithoutARareEarthPattern() {
        assertThrows(IllegalStateException.class,
                () -> TotalReeUnits.oxidePpmMolPerElementPpm(new double[ReeOxide.COUNT], ash()));
    }

    @Test
    void partsClosedTo100KeepTheirRatiosAndTheirSigmasScaleAlike() {
        ClosureTo100 closure = ClosureTo100.of(new double[] {1, 3});
        assertEquals(25.0, closure.closed(1));
        assertEquals(75.0, closure.closed(3));
        assertEquals(5.0, closure.closedSigma(0.2));
    }
}
