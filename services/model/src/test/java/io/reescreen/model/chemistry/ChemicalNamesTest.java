package io.reescreen.model.chemistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.Element;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeOxide;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChemicalNamesTest {

    @Test
    void thePeriodicTableHas118SymbolsWrittenAsChemistsWriteThem() {
        assertEquals(118, ElementSymbols.count());
        assertTrue(ElementSymbols.isElementSymbol("Zr"));
        assertTrue(ElementSymbols.isElementSymbol("Og"));
        assertFalse(ElementSymbols.isElementSymbol("ZR"), "case matters: ZR is no symbol");
        assertFalse(ElementSymbols.isElementSymbol("Xx"));
        assertFalse(ElementSymbols.isElementSymbol("LOI"));
        assertFalse(ElementSymbols.isElementSymbol(null));
    }

    @Test
    void everyElementTheProjectModelsIsInThePeriodicTable() {
        for (Element e : Element.values()) {
            assertTrue(ElementSymbols.isElementSymbol(e.symbol()), e.symbol());
        }
    }

    @Test
    void everyMajorAndRareEarthOxideFormulaParsesToItsCation() {
        for (MajorOxide o : MajorOxide.values()) {
            assertEquals(Optional.of(new OxideFormula(o.formula(), o.cation().symbol())), OxideFormula.parse(o.formula()));
        }
        for (ReeOxide o : ReeOxide.values()) {
            assertEquals(o.cation().symbol(), OxideFormula.parse(o.formula()).orElseThrow().cation(), o.formula());
        }
    }

    @Test
    void oxidesTheProjectDoesNotModelAreOxidesAllTheSame() {
        assertEquals("Zr", OxideFormula.parse("ZrO2").orElseThrow().cation());
        assertEquals("S", OxideFormula.parse("SO3").orElseThrow().cation());
        assertEquals("Cr", OxideFormula.parse("Cr2O3").orElseThrow().cation());
        assertTrue(OxideFormula.isOxideFormula("BaO"));
    }

    @Test
    void namesThatAreNoOneCationOxideOfARealElementAreRefused() {
        for (String name : new String[] {"Al", "LOI", "O2", "OO", "XxO", "Al2O3 ", "al2o3", "CaCO3", "Fe2O3x", "", "O"}) {
            assertFalse(OxideFormula.isOxideFormula(name), name);
        }
        assertFalse(OxideFormula.isOxideFormula(null));
    }
}
