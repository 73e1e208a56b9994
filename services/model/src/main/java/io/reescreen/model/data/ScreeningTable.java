package io.reescreen.model.data;

import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.OxideMolPct;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;

/**
 * A file's samples as {@code model predict} screens them ({@link DatasetFiles#readForPrediction}): each in the
 * model's representation, with the lab's targets where the file has them, and the columns the file had that were not
 * read (to be listed once).
 *
 * @param description what was read and how (format, separator, reading policy), for the user
 */
public record ScreeningTable(String source, String description, List<String> ignoredColumns, List<ScreeningInput> rows) {

    public ScreeningTable {
        ignoredColumns = List.copyOf(ignoredColumns);
        rows = List.copyOf(rows);
    }

    /** The model's inputs of every row: [row][feature], mol %, as {@link Dataset#inputsMolPct} gives them. */
    public double[][] inputsMolPct(FeatureSet features) {
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            OxideMolPct oxides = rows.get(i).oxides();
            x[i] = features.oxides().stream().mapToDouble(oxides::molPct).toArray();
        }
        return x;
    }

    /** Where the rows came from (measured, teacher-labelled, synthetic). */
    public Set<SampleOrigin> origins() {
        EnumSet<SampleOrigin> origins = EnumSet.noneOf(SampleOrigin.class);
        rows.forEach(r -> origins.add(r.origin()));
        return origins;
    }

    /** The rows with the lab's targets, to score the predictions against (empty when the file has none). */
    public Dataset labelled() {
        List<LabelledSample> samples = new ArrayList<>();
        for (ScreeningInput row : rows) {
            row.lab().ifPresent(lab -> samples.add(new LabelledSample(row.sampleId(), row.oxides(), lab,
                    row.origin())));
        }
        return new Dataset(source, List.of(description), samples);
    }
}
