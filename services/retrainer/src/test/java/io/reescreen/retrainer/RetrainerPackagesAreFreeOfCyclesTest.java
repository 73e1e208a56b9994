package io.reescreen.retrainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No package of the retrainer imports a package that imports it back. {@code io.reescreen.retrainer.(*)..} does not
 * match the root package, whose one class (RetrainerSerdes) is kept a leaf instead, so it cannot close a cycle.
 */
class RetrainerPackagesAreFreeOfCyclesTest {

    private static JavaClasses retrainer;

    @BeforeAll
    static void importTheRetrainer() {
        retrainer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.reescreen.retrainer");
    }

    @Test
    void noRetrainerPackageDependsOnAPackageThatDependsOnIt() {
        slices().matching("io.reescreen.retrainer.(*)..").should().beFreeOfCycles().check(retrainer);
    }

    @Test
    void theRootPackageDependsOnNoRetrainerPackage() {
        noClasses().that().resideInAPackage("io.reescreen.retrainer")
                .should().dependOnClassesThat().resideInAPackage("io.reescreen.retrainer.*..")
                .check(retrainer);
    }
}
