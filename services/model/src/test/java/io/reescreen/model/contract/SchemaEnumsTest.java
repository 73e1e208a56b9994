package io.reescreen.model.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeContentUnit;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.RareEarthElement;
import io.reescreen.schemas.ReeTarget;
import org.junit.jupiter.api.Test;

class SchemaEnumsTest {

    @Test
    void everyMajorOxideGoesToTheSchemaAndBack() {
        for (MajorOxide oxide : MajorOxide.values()) {
            assertEquals(oxide, SchemaEnums.oxide(SchemaEnums.oxide(oxide)));
        }
        assertEquals(MajorOxide.values().length, io.reescreen.schemas.MajorOxide.values().length);
    }

    @Test
    void everyRareEarthOxideIsOneSchemaElementAndOneTarget() {
        for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
            assertEquals(oxide, SchemaEnums.oxide(SchemaEnums.element(oxide)));
            assertEquals(oxide, SchemaEnums.oxide(SchemaEnums.target(oxide)));
        }
        assertEquals(ReeOxide.PAPER_ORDER.size(), RareEarthElement.values().length);
        assertEquals(ReeOxide.PAPER_ORDER.size() + 1, ReeTarget.values().length, "the 16 and TOTAL_REE");
    }

    @Test
    void theModelsOutputNamesAreTheSchemasTargets() {
        assertEquals(ReeTarget.TOTAL_REE, SchemaEnums.target(ReeTargetsPpmMol.NAMES.get(0)));
        assertEquals(ReeTarget.La, SchemaEnums.target("La2O3"));
        assertEquals(ReeTarget.Ce, SchemaEnums.target("CeO2"));
    }

    @Test
    void theTotalIsNotOneOxide() {
        assertThrows(IllegalArgumentException.class, () -> SchemaEnums.oxide(ReeTarget.TOTAL_REE));
    }

    @Test
    void aLabsUnknownUnitHasNoLibraryUnit() {
        assertEquals(ReeContentUnit.ELEMENT_PPM_MASS, SchemaEnums.contentUnit(LabConcentrationUnit.PPM_MASS_ELEMENT).orElseThrow());
        assertEquals(ReeContentUnit.OXIDE_PPM_MASS, SchemaEnums.contentUnit(LabConcentrationUnit.PPM_MASS_OXIDE).orElseThrow());
        assertEquals(ReeContentUnit.OXIDE_PPM_MOL, SchemaEnums.contentUnit(LabConcentrationUnit.PPM_MOL_OXIDE).orElseThrow());
        assertTrue(SchemaEnums.contentUnit(LabConcentrationUnit.UNKNOWN).isEmpty());
    }

    @Test
    void anAshOriginThisBuildDoesNotKnowReadsAsUnknown() {
        assertEquals(AshOrigin.UNKNOWN, SchemaEnums.ashOrigin("FROM_THE_FUTURE"));
        assertEquals(AshOrigin.values()[0], SchemaEnums.ashOrigin(AshOrigin.values()[0].name()));
    }
}
