package io.reescreen.model.data;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads tables in the layout of Song et al. (2024): an id column ({@code Sample Name}, or {@code sample_id} in the
 * 10 % sample export), the ten oxides in mol % headed by bare formulas, {@code Target content [ppm mol]}, and the 16
 * REE oxides in ppm mol headed by bare formulas. The headers carry no units, so this reader is the one place that
 * knows what they mean.
 *
 * <p>Any other column must be declared: kept (under a project name that states its unit) or ignored. An
 * undeclared column is a header error, so a new column is never silently dropped or misread.
 *
 * <p>Row checks: every number present, finite and non-negative; the ten oxides sum to
 * [{@value #MIN_OXIDE_SUM_MOL_PCT}, {@value OxideMolPct#MAX_TOTAL_MOL_PCT}] mol % (a lower sum means wt% data or a
 * missing oxide); unique ids; for measured data the total equals the sum of the 16 within
 * {@value #TOTAL_RELATIVE_TOLERANCE} relative (teacher totals are the network's own head and are not checked).
 */
public final class PaperTableReader {

    public static final String TOTAL_COLUMN = "Target content [ppm mol]";
    public static final List<String> ID_COLUMNS = List.of("Sample Name", "sample_id");
    /** The paper's rows sum to 98.3–99.99 mol %; below 90 the row is not in the paper's representation. */
    public static final double MIN_OXIDE_SUM_MOL_PCT = 90.0;
    /** Measured totals equal the sum of the 16 to rounding (≤ 0.02 ppm mol in the released rows). */
    public static final double TOTAL_RELATIVE_TOLERANCE = 0.01;

    private final SampleOrigin origin;
    private final String idPrefix;
    private final Map<String, String> keptExtras;
    private final Set<String> ignoredExtras;
    private final ReadMode mode;

    private PaperTableReader(SampleOrigin origin, String idPrefix, Map<String, String> keptExtras,
                             Set<String> ignoredExtras, ReadMode mode) {
        this.origin = origin;
        this.idPrefix = idPrefix;
        this.keptExtras = Collections.unmodifiableMap(new LinkedHashMap<>(keptExtras));
        this.ignoredExtras = Set.copyOf(ignoredExtras);
        this.mode = mode;
    }

    /** For the released EPRI/NETL and Franus rows: lab measurements, no extra columns, lenient. */
    public static PaperTableReader measured() {
        return new PaperTableReader(SampleOrigin.MEASURED, "", Map.of(), Set.of(), ReadMode.LENIENT);
    }

    /**
     * For {@code teacher_epri_like_*.csv}: model-labelled rows; {@code teacher_total_std} (std of the 30 members'
     * totals, ppm mol) kept as {@code teacher_total_std_ppm_mol}.
     */
    public static PaperTableReader teacherLabelled() {
        return new PaperTableReader(SampleOrigin.TEACHER_LABELLED, "", Map.of(), Set.of(), ReadMode.LENIENT)
                .keepingExtra("teacher_total_std", "teacher_total_std_ppm_mol");
    }

    /** Prefixes every id, e.g. "franus-", so ids stay unique when files are combined. */
    public PaperTableReader withIdPrefix(String prefix) {
        return new PaperTableReader(origin, Objects.requireNonNull(prefix), keptExtras, ignoredExtras, mode);
    }

    public PaperTableReader withOrigin(SampleOrigin newOrigin) {
        return new PaperTableReader(Objects.requireNonNull(newOrigin), idPrefix, keptExtras, ignoredExtras, mode);
    }

    public PaperTableReader withMode(ReadMode newMode) {
        return new PaperTableReader(origin, idPrefix, keptExtras, ignoredExtras, Objects.requireNonNull(newMode));
    }

    /** Keeps source column {@code column} as an extra named {@code nameWithUnit} (must end in a unit suffix). */
    public PaperTableReader keepingExtra(String column, String nameWithUnit) {
        ProjectCsv.requireUnitSuffix(nameWithUnit);
        Map<String, String> kept = new LinkedHashMap<>(keptExtras);
        kept.put(column, nameWithUnit);
        return new PaperTableReader(origin, idPrefix, kept, ignoredExtras, mode);
    }

    /** Declares {@code column} as known and not needed. */
    public PaperTableReader ignoringExtra(String column) {
        Set<String> ignored = new HashSet<>(ignoredExtras);
        ignored.add(column);
        return new PaperTableReader(origin, idPrefix, keptExtras, ignored, mode);
    }

    public ReadResult<Dataset> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), file.getFileName().toString());
        }
    }

    /**
     * @throws DatasetFormatException on a header problem, or in {@link ReadMode#STRICT} on any bad row
     */
    public ReadResult<Dataset> read(Reader reader, String source, String datasetName) throws IOException {
        CsvTable table = CsvTable.read(reader, source);
        Map<String, Integer> columns = checkHeader(table);
        String idColumn = ID_COLUMNS.stream().filter(columns::containsKey).findFirst().orElseThrow();

        ReadResult<List<LabelledSample>> rows = RowLoop.read(table, columns, idColumn, idPrefix, mode, this::parse);
        return new ReadResult<>(new Dataset(datasetName, table.comments(), rows.value()), rows.problems());
    }

    private LabelledSample parse(RowCells cells, String id) {
        double[] molPct = new double[MajorOxide.COUNT];
        for (MajorOxide o : MajorOxide.values()) {
            molPct[o.ordinal()] = cells.nonNegative(o.formula());
        }
        double total = cells.nonNegative(TOTAL_COLUMN);
        double[] ree = new double[ReeOxide.COUNT];
        for (ReeOxide o : ReeOxide.values()) {
            ree[o.ordinal()] = cells.nonNegative(o.formula());
        }
        Map<String, Double> extras = new LinkedHashMap<>();
        keptExtras.forEach((column, name) -> extras.put(name, cells.finite(column)));
        if (!cells.hasProblems()) {
            checkSums(cells, molPct, total, ree);
        }
        if (!cells.hasProblems()) {
            try {
                return new LabelledSample(id, OxideMolPct.ofPaperOrder(molPct),
                        new ReeTargetsPpmMol(total, ReeOxidePpmMol.ofPaperOrder(ree)), origin, extras);
            } catch (IllegalArgumentException e) {
                cells.problem(e.getMessage());
            }
        }
        return null;
    }

    private void checkSums(RowCells cells, double[] molPct, double total, double[] ree) {
        double oxideSum = 0;
        for (double v : molPct) {
            oxideSum += v;
        }
        if (oxideSum < MIN_OXIDE_SUM_MOL_PCT || oxideSum > OxideMolPct.MAX_TOTAL_MOL_PCT) {
            cells.problem(String.format("the ten oxides sum to %.4f mol %%, expected %.1f-%.1f (wt%% data, or a"
                    + " missing oxide?)", oxideSum, MIN_OXIDE_SUM_MOL_PCT, OxideMolPct.MAX_TOTAL_MOL_PCT));
        }
        if (!(total > 0)) {
            cells.problem(TOTAL_COLUMN + " must be > 0");
        }
        if (origin == SampleOrigin.MEASURED) {
            double sum16 = 0;
            for (double v : ree) {
                sum16 += v;
            }
            if (Math.abs(total - sum16) > TOTAL_RELATIVE_TOLERANCE * total) {
                cells.problem(String.format("%s = %s differs from the sum of the 16 REE oxides (%s) by more than %.0f %%",
                        TOTAL_COLUMN, total, sum16, TOTAL_RELATIVE_TOLERANCE * 100));
            }
        }
    }

    private Map<String, Integer> checkHeader(CsvTable table) {
        List<String> header = table.header();
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (columns.put(header.get(i), i) != null) {
                problems.add(new RowProblem(table.headerLineNumber(), "duplicate column '" + header.get(i) + "'"));
            }
        }
        if (ID_COLUMNS.stream().noneMatch(columns::containsKey)) {
            problems.add(new RowProblem(table.headerLineNumber(), "no id column (one of " + ID_COLUMNS + ")"));
        }
        List<String> required = new ArrayList<>();
        MajorOxide.PAPER_ORDER.forEach(o -> required.add(o.formula()));
        required.add(TOTAL_COLUMN);
        ReeOxide.PAPER_ORDER.forEach(o -> required.add(o.formula()));
        required.addAll(keptExtras.keySet());
        for (String column : required) {
            if (!columns.containsKey(column)) {
                problems.add(new RowProblem(table.headerLineNumber(), "missing column '" + column + "'"));
            }
        }
        for (String column : header) {
            if (!required.contains(column) && !ID_COLUMNS.contains(column) && !ignoredExtras.contains(column)) {
                problems.add(new RowProblem(table.headerLineNumber(), "undeclared column '" + column
                        + "': declare it with keepingExtra(column, nameWithUnit) or ignoringExtra(column)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetFormatException(table.source(), problems);
        }
        return columns;
    }
}
