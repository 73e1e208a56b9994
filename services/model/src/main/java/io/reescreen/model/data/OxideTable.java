package io.reescreen.model.data;

import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReadingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An instrument's oxide table as read ({@link OxideTableReader}): its rows in the reported units, the columns that
 * were not read (listed once for the user), and the dialect the file was written in.
 */
public record OxideTable(String source, CsvDialect dialect, List<String> ignoredColumns, List<OxideTableSample> samples) {

    public OxideTable {
        ignoredColumns = List.copyOf(ignoredColumns);
        samples = List.copyOf(samples);
    }

    /**
     * Every row in the model's representation under {@code policy}, as the stream reads a reading (a missing SiO2 by
     * difference, below detection substituted, wt % → mol % and the lab's element ppm → ppm mol, all by the units
     * package). A row the policy refuses is skipped and reported with its line number.
     */
    public ReadResult<List<ScreeningInput>> inputs(ReadingPolicy policy) {
        List<ScreeningInput> inputs = new ArrayList<>(samples.size());
        List<RowProblem> problems = new ArrayList<>();
        for (OxideTableSample sample : samples) {
            try {
                OxideMolPct oxides = sample.majors().resolve(policy).toMolPct();
                Optional<ReeTargetsPpmMol> lab = sample.labRee()
                        .map(ree -> ReeTargetsPpmMol.summing(ree.toOxidePpmMol(oxides)));
                inputs.add(new ScreeningInput(sample.sampleId(), oxides, lab));
            } catch (IllegalArgumentException e) { // CompositionException among them
                problems.add(new RowProblem(sample.lineNumber(), sample.sampleId() + ": " + e.getMessage()));
            }
        }
        return new ReadResult<>(List.copyOf(inputs), problems);
    }

    /** The rows with lab values as a labelled dataset (for training and scores); rows without are left out. */
    public ReadResult<Dataset> labelled(ReadingPolicy policy) {
        ReadResult<List<ScreeningInput>> inputs = inputs(policy);
        List<LabelledSample> rows = new ArrayList<>();
        for (ScreeningInput input : inputs.value()) {
            input.lab().ifPresent(lab -> rows.add(new LabelledSample(input.sampleId(), input.oxides(), lab,
                    SampleOrigin.MEASURED)));
        }
        return new ReadResult<>(new Dataset(source, List.of("oxide wt % table (" + dialect.describe() + ") read with "
                + policy.missingOxides() + " for " + policy.byDifferenceOxide() + ", below detection "
                + policy.belowDetection() + "; the lab's REE element ppm converted to ppm mol in that ash"), rows),
                inputs.problems());
    }
}
