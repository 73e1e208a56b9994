package io.reescreen.model.contract;

import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.units.Element;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeContentUnit;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.RareEarthElement;
import io.reescreen.schemas.ReeTarget;
import java.util.Optional;

/**
 * Between the model library's enums and the schema's, written once for every service. The schema names oxides by
 * formula (SiO2) and rare earths by element (La), the library by Java constant (SIO2) and oxide (La2O3), so the
 * mapping goes through those strings rather than ordinals.
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

    /** The schema's target for one rare-earth oxide (La2O3 → La). */
    public static ReeTarget target(ReeOxide oxide) {
        return ReeTarget.valueOf(oxide.element().symbol());
    }

    /** A model output name ({@link ReeTargetsPpmMol#NAMES}: "total", then oxide formulas) as the schema's target. */
    public static ReeTarget target(String modelOutputName) {
        if (ReeTargetsPpmMol.NAMES.get(0).equals(modelOutputName)) {
            return ReeTarget.TOTAL_REE;
        }
        return target(ReeOxide.fromFormula(modelOutputName));
    }

    /** The oxide of one element's target (La → La2O3); TOTAL_REE has none. */
    public static ReeOxide oxide(ReeTarget target) {
        if (target == ReeTarget.TOTAL_REE) {
            throw new IllegalArgumentException("TOTAL_REE is the sum of the oxides, not one of them");
        }
        return ReeOxide.ofElement(Element.fromSymbol(target.name()));
    }

    public static Element element(RareEarthElement element) {
        return Element.fromSymbol(element.name());
    }

    /** The paper's oxide of a schema rare-earth element (La → La2O3, Ce → CeO2, Eu → EuO, ...). */
    public static ReeOxide oxide(RareEarthElement element) {
        return ReeOxide.ofElement(element(element));
    }

    public static RareEarthElement element(ReeOxide oxide) {
        return RareEarthElement.valueOf(oxide.element().symbol());
    }

    /** A lab's concentration unit as the library's; empty for UNKNOWN (or a symbol this build does not know). */
    public static Optional<ReeContentUnit> contentUnit(LabConcentrationUnit unit) {
        return switch (unit) {
            case PPM_MASS_ELEMENT -> Optional.of(ReeContentUnit.ELEMENT_PPM_MASS);
            case PPM_MASS_OXIDE -> Optional.of(ReeContentUnit.OXIDE_PPM_MASS);
            case PPM_MOL_OXIDE -> Optional.of(ReeContentUnit.OXIDE_PPM_MOL);
            default -> Optional.empty();
        };
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
