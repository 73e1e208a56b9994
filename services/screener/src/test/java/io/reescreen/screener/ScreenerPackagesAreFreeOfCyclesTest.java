package io.reescreen.screener;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No package of the screener imports a package that imports it back, so each can be read, tested and changed from
 * its own imports down. {@code io.reescreen.screener.(*)..} slices by the first package below the root and does not
 * match classes in the root itself, so the root stays empty.
 */
class ScreenerPackagesAreFreeOfCyclesTest {

    private static JavaClasses screener;

    @BeforeAll
    static void importTheScreener() {
        screener = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.reescreen.screener");
    }

    @Test
    void noScreenerPackageDependsOnAPackageThatDependsOnIt() {
        slices().matching("io.reescreen.screener.(*)..").should().beFreeOfCycles().check(screener);
    }

    @Test
    void theRootPackageHoldsNoClassSoTheCycleRuleSeesEveryClass() {
        noClasses().should().resideInAPackage("io.reescreen.screener").check(screener);
    }
}
