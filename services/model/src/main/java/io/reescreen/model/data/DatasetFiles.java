package io.reescreen.model.data;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReadingPolicy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens a labelled dataset file whatever its layout, by what its first lines say: the project CSV (its format
 * comment line), the paper's table (its "Target content [ppm mol]" column), a teacher-labelled table (the
 * paper's layout plus {@code teacher_total_std}), or a lab's oxide wt % table (its {@code <oxide>_wtpct_4acid}
 * columns, {@link WhitehavenRejectAshReader}), read under the stream's default reading policy. Bad rows are skipped
 * and reported in the result.
 */
public final class DatasetFiles {

    private static final String TEACHER_COLUMN = "teacher_total_std";

    private DatasetFiles() {
    }

    /** As {@link #read(Path, ReadingPolicy)} with the stream's default: SiO2 by difference, below detection LOD/2. */
    public static ReadResult<Dataset> read(Path file) throws IOException {
        return read(file, ReadingPolicy.byDifference(MajorOxide.SIO2));
    }

    /** {@code policy} completes oxide wt % readings (the other formats are already in mol %). */
    public static ReadResult<Dataset> read(Path file, ReadingPolicy policy) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no dataset file at " + file.toAbsolutePath());
        }
        boolean projectFormat = false;
        String header = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // Comment lines come first (the project CSV's format line is one of them), then the header.
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                line = line.replace("\uFEFF", "").trim();
                if (line.startsWith("#")) {
                    projectFormat |= line.contains(ProjectCsv.FORMAT_LINE);
                } else if (!line.isEmpty()) {
                    header = line;
                    break;
                }
            }
        }
        if (projectFormat) {
            return ProjectCsv.read(file, ReadMode.LENIENT);
        }
        if (header == null) {
            throw new IOException(file + " has no header line");
        }
        if (header.contains(PaperTableReader.TOTAL_COLUMN)) {
            return header.contains(TEACHER_COLUMN)
                    ? PaperTableReader.teacherLabelled().read(file)
                    : PaperTableReader.measured().read(file);
        }
        if (header.contains(WhitehavenRejectAshReader.OXIDE_SUFFIX)) {
            return new WhitehavenRejectAshReader(ReadMode.LENIENT).readLabelled(file, policy);
        }
        if (OxideTableReader.recognises(header)) {
            ReadResult<OxideTable> table = new OxideTableReader(ReadMode.LENIENT).read(file);
            if (table.value().samples().stream().noneMatch(s -> s.labRee().isPresent())) {
                throw new DatasetFormatException(file.toString(), List.of(new RowProblem(1, "an oxide table without"
                        + " the lab's 16 rare earths (<El>_ppm columns): nothing to train or score on")));
            }
            ReadResult<Dataset> labelled = table.value().labelled(policy);
            return new ReadResult<>(labelled.value(), concat(table.problems(), labelled.problems()));
        }
        throw unknownFormat(file);
    }

    /**
     * A file's samples for screening, whatever its format: the labelled formats above, or an instrument's oxide table
     * with or without the lab's values ({@link OxideTableReader}), read under the stream's default reading policy
     * (SiO2 by difference, below detection LOD/2). Bad rows are skipped and reported in the result.
     */
    public static ReadResult<ScreeningTable> readForPrediction(Path file) throws IOException {
        ReadingPolicy policy = ReadingPolicy.byDifference(MajorOxide.SIO2);
        String header = headerLine(file);
        if (header != null && !header.contains(WhitehavenRejectAshReader.OXIDE_SUFFIX)
                && OxideTableReader.recognises(header)) {
            ReadResult<OxideTable> table = new OxideTableReader(ReadMode.LENIENT).read(file);
            ReadResult<List<ScreeningInput>> inputs = table.value().inputs(policy);
            String description = "oxide wt % table, " + table.value().dialect().describe() + ", read with "
                    + policy.missingOxides() + " for " + policy.byDifferenceOxide();
            return new ReadResult<>(new ScreeningTable(file.toString(), description, table.value().ignoredColumns(),
                    inputs.value()), concat(table.problems(), inputs.problems()));
        }
        ReadResult<Dataset> data = read(file, policy);
        List<ScreeningInput> rows = data.value().samples().stream()
                .map(s -> new ScreeningInput(s.sampleId(), s.oxides(), Optional.of(s.targets()), s.origin())).toList();
        return new ReadResult<>(new ScreeningTable(file.toString(), String.join("; ", data.value().notes()), List.of(),
                rows), data.problems());
    }

    private static String headerLine(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                line = line.replace("\uFEFF", "").trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    return line;
                }
            }
        }
        return null;
    }

    private static DatasetFormatException unknownFormat(Path file) {
        return new DatasetFormatException(file.toString(), List.of(new RowProblem(1,
                "not a project CSV (a comment line '# " + ProjectCsv.FORMAT_LINE + "'), the paper's table (a '"
                        + PaperTableReader.TOTAL_COLUMN + "' column) or an oxide wt % table (a sample id column and"
                        + " oxide columns such as 'SiO2', 'Al2O3 (wt %)', '<oxide>" + WhitehavenRejectAshReader.OXIDE_SUFFIX
                        + "'); see services/model/DATASETS.md")));
    }

    private static List<RowProblem> concat(List<RowProblem> a, List<RowProblem> b) {
        List<RowProblem> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** As {@link #read(Path)}, but a file with any bad row is refused, listing every bad row. */
    public static Dataset readClean(Path file) throws IOException {
        ReadResult<Dataset> result = read(file);
        if (!result.isClean()) {
            throw new DatasetFormatException(file.toString(), result.problems());
        }
        return result.value();
    }
}
