package io.reescreen.screener.enrich;

import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeOxide;

/**
 * Between the model library's enums and the schema's. The schema names oxides by formula (SiO2) and targets by
 * element (La), the library by Java constant (SIO2) and oxide formula (La2O3), so the mapping goes through those
 * strings rather than ordinals.
 */
public final class SchemaEnums {

    private SchemaEnums() {
    }

    public static io.reescreen.schemas.MajorOxide oxide(MajorOxide oxide) {
        return io.reescreen.schemas.MajorOxide.valueOf(oxide.formula());
    }

    public static MajorOxide oxide(io.reescreen.schemas.MajorOxide oxide) {
        return MajorOxide.fromFormula(oxide.name());
    }

    /** A model output name ({@link ReeTargetsPpmMol#NAMES}: "total", then oxide formulas) as the schema's target. */
    public static ReeTarget target(String modelOutputName) {
        if (ReeTargetsPpmMol.NAMES.get(0).equals(modelOutputName)) {
            return ReeTarget.TOTAL_REE;
        }
        return ReeTarget.valueOf(ReeOxide.fromFormula(modelOutputName).element().symbol());
    }

    /** An AshOrigin symbol as stored; one this build does not know reads as UNKNOWN. */
    public static AshOrigin ashOrigin(String name) {
        try {
            return AshOrigin.valueOf(name);
        } catch (IllegalArgumentException e) {
            return AshOrigin.UNKNOWN;
        }
    }
}
