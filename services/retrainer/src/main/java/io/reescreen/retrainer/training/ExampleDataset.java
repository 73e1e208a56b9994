package io.reescreen.retrainer.training;

import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.data.SampleOrigin;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;
import io.reescreen.retrainer.examples.LotMolPct;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ReeTargetValue;
import io.reescreen.schemas.TrainingExample;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training examples as the model library's dataset: composition in mol % of the ten majors, the 16 REE oxides in
 * ppm mol (the total is recomputed as their sum, as everywhere in the library). Lab-measured labels. A lab result
 * sent twice is one row: the last example of a lab result id wins.
 */
public final class ExampleDataset {

    private ExampleDataset() {
    }

    public static Dataset of(String name, List<TrainingExample> examples) {
        Map<String, TrainingExample> latest = new LinkedHashMap<>();
        for (TrainingExample e : examples) {
            latest.remove(e.getExampleId());
            latest.put(e.getExampleId(), e);
        }
        List<LabelledSample> rows = new ArrayList<>(latest.size());
        for (TrainingExample e : latest.values()) {
            rows.add(new LabelledSample(e.getExampleId(), LotMolPct.of(e.getComposition()), targets(e), SampleOrigin.MEASURED));
        }
        return new Dataset(name, List.of("lab-labelled training examples (" + rows.size() + " lots)"), rows);
    }

    static ReeTargetsPpmMol targets(TrainingExample e) {
        Map<ReeOxide, Double> ppmMol = new EnumMap<>(ReeOxide.class);
        for (ReeTargetValue v : e.getTargets()) {
            if (v.getTarget() != ReeTarget.TOTAL_REE) {
                ppmMol.put(SchemaEnums.oxide(v.getTarget()), v.getValuePpmMol());
            }
        }
        return ReeTargetsPpmMol.summing(ReeOxidePpmMol.of(ppmMol));
    }
}
