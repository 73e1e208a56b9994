package io.reescreen.retrainer.examples;

import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A lot's composition as lot.compositions and training examples carry it, read into the model library's mol %. */
public final class LotMolPct {

    private LotMolPct() {
    }

    /** The ten majors' mean mol %, in the paper's order. */
    public static OxideMolPct of(List<io.reescreen.schemas.OxideMolPct> oxides) {
        Map<MajorOxide, Double> molPct = new EnumMap<>(MajorOxide.class);
        for (io.reescreen.schemas.OxideMolPct o : oxides) {
            molPct.put(SchemaEnums.oxide(o.getOxide()), o.getMeanMolPct());
        }
        return OxideMolPct.of(molPct);
    }
}
