package io.reescreen.screener;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.reescreen.model.units.MajorElementUnits;
import io.reescreen.model.units.MolarMasses;
import io.reescreen.model.units.Oxide;
import io.reescreen.model.units.ReeUnits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Units change only in the model library's io.reescreen.model.units: the screener converts through its typed values and
 * entry points (AshBasis, AnalyteUnit, ReeContentUnit, TotalReeUnits, ClosureTo100), never through the per-value
 * converters or the stoichiometric factors beneath them, and declares no unit factor of its own. Literal factors
 * (1e4, 100 / ash yield) are invisible to ArchUnit; the model module's UnitFactorsStayInUnitsTest reads the sources
 * for those.
 */
class UnitsStayInTheModelLibraryTest {

    private static final String UNITS = "io.reescreen.model.units..";

    private static JavaClasses screener;

    @BeforeAll
    static void importTheScreener() {
        screener = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.reescreen.screener");
    }

    @Test
    void theScreenerUsesNoPerValueUnitConverter() {
        noClasses().that().resideOutsideOfPackage(UNITS)
                .should().dependOnClassesThat().belongToAnyOf(ReeUnits.class, MajorElementUnits.class, MolarMasses.class)
                .check(screener);
    }

    @Test
    void theScreenerTakesNoStoichiometricFactorFromAnOxide() {
        noClasses().that().resideOutsideOfPackage(UNITS)
                .should().callMethodWhere(target(owner(assignableTo(Oxide.class)))
                        .and(target(nameMatching("oxidePerElementMassRatio|molarMassGPerMol"))))
                .check(screener);
    }

    @Test
    void theScreenerDeclaresNoUnitFactorConstant() {
        noFields().that().areDeclaredInClassesThat().resideOutsideOfPackage(UNITS)
                .and().areStatic().and().areFinal()
                .should().haveNameMatching(".*(PPM|PCT|ASH).*_PER_.*|.*_PER_.*(PPM|PCT|ASH).*")
                .check(screener);
    }
}
