package io.reescreen.model.data;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The project's labelled-sample CSV: every header names its unit, so a file is self-describing. Specified in
 * services/model/DATASETS.md; reader and writer live together so they cannot drift apart.
 *
 * <pre>
 * # reescreen labelled samples, format 1 (services/model/DATASETS.md)
 * # dataset: &lt;name&gt;
 * # WARNING: NOT LAB MEASUREMENTS: contains synthetic / teacher_labelled rows   (only when so)
 * # &lt;free notes&gt;
 * sample_id,origin,SiO2_mol_pct,…,MnO_mol_pct,total_ree_ppm_mol,CeO2_ppm_mol,…,Y2O3_ppm_mol[,SiO2_mol_pct_sd,…][,extras]
 * </pre>
 * Values are written with the shortest decimal that reads back to the same double, so a round trip is exact.
 */
public final class ProjectCsv {

    public static final String FORMAT_LINE = "reescreen labelled samples, format 1 (services/model/DATASETS.md)";
    public static final String DATASET_PREFIX = "dataset: ";
    public static final String WARNING_PREFIX = "WARNING: NOT LAB MEASUREMENTS";
    public static final String ID_COLUMN = "sample_id";
    public static final String ORIGIN_COLUMN = "origin";
    public static final String TOTAL_COLUMN = "total_ree_ppm_mol";
    public static final String MOL_PCT_SUFFIX = "_mol_pct";
    public static final String PPM_MOL_SUFFIX = "_ppm_mol";
    public static final String SIGMA_SUFFIX = "_mol_pct_sd";
    /** Extra columns must end in one of these, so every header names its unit. */
    public static final List<String> UNIT_SUFFIXES = List.of("_ppm_mol", "_mol_pct", "_wt_pct", "_ppm",
            "_g_per_mol", "_dimensionless");

    private ProjectCsv() {
    }

    public static String molPctColumn(MajorOxide oxide) {
        return oxide.formula() + MOL_PCT_SUFFIX;
    }

    public static String sigmaColumn(MajorOxide oxide) {
        return oxide.formula() + SIGMA_SUFFIX;
    }

    public static String ppmMolColumn(ReeOxide oxide) {
        return oxide.formula() + PPM_MOL_SUFFIX;
    }

    /** The fixed columns, in order. */
    public static List<String> requiredColumns() {
        List<String> columns = new ArrayList<>();
        columns.add(ID_COLUMN);
        columns.add(ORIGIN_COLUMN);
        MajorOxide.PAPER_ORDER.forEach(o -> columns.add(molPctColumn(o)));
        columns.add(TOTAL_COLUMN);
        ReeOxide.PAPER_ORDER.forEach(o -> columns.add(ppmMolColumn(o)));
        return columns;
    }

    static void requireUnitSuffix(String column) {
        if (UNIT_SUFFIXES.stream().noneMatch(column::endsWith)) {
            throw new IllegalArgumentException("column name '" + column + "' does not end in a unit suffix "
                    + UNIT_SUFFIXES);
        }
    }

    public static void write(Dataset dataset, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(dataset, writer);
        }
    }

    public static void write(Dataset dataset, Writer out) throws IOException {
        boolean withSigma = dataset.samples().stream().anyMatch(s -> s.oxides().hasUncertainty());
        Set<String> extras = new LinkedHashSet<>();
        dataset.samples().forEach(s -> extras.addAll(s.extras().keySet()));
        extras.forEach(ProjectCsv::requireUnitSuffix);

        line(out, "# " + FORMAT_LINE);
        line(out, "# " + DATASET_PREFIX + oneLine(dataset.name()));
        if (!dataset.isAllMeasured()) {
            Set<String> origins = new LinkedHashSet<>();
            dataset.origins().stream().filter(o -> !o.isMeasured()).forEach(o -> origins.add(o.csvName()));
            line(out, "# " + WARNING_PREFIX + ": contains " + String.join(" / ", origins) + " rows");
        }
        for (String note : dataset.notes()) {
            line(out, "# " + oneLine(note));
        }
        List<String> header = new ArrayList<>(requiredColumns());
        if (withSigma) {
            MajorOxide.PAPER_ORDER.forEach(o -> header.add(sigmaColumn(o)));
        }
        header.addAll(extras);
        line(out, String.join(",", header.stream().map(CsvTable::quote).toList()));

        for (LabelledSample s : dataset.samples()) {
            List<String> cells = new ArrayList<>(header.size());
            cells.add(CsvTable.quote(s.sampleId()));
            cells.add(s.origin().csvName());
            for (double v : s.oxides().toArrayMolPct()) {
                cells.add(number(v));
            }
            for (double v : s.targets().toArrayPpmMol()) {
                cells.add(number(v));
            }
            if (withSigma) {
                for (MajorOxide o : MajorOxide.values()) {
                    cells.add(s.oxides().hasUncertainty() ? number(s.oxides().sigmaMolPct(o)) : "");
                }
            }
            for (String extra : extras) {
                Double v = s.extras().get(extra);
                cells.add(v == null ? "" : number(v));
            }
            line(out, String.join(",", cells));
        }
        out.flush();
    }

    public static ReadResult<Dataset> read(Path file, ReadMode mode) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), mode);
        }
    }

    /**
     * @throws DatasetFormatException on a header problem, or in {@link ReadMode#STRICT} on any bad row
     */
    public static ReadResult<Dataset> read(Reader reader, String source, ReadMode mode) throws IOException {
        Objects.requireNonNull(mode, "mode");
        CsvTable table = CsvTable.read(reader, source);
        String name = source;
        List<String> notes = new ArrayList<>();
        for (String comment : table.comments()) {
            if (comment.startsWith(DATASET_PREFIX)) {
                name = comment.substring(DATASET_PREFIX.length());
            } else if (!comment.equals(FORMAT_LINE) && !comment.startsWith(WARNING_PREFIX)) {
                notes.add(comment);
            }
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> extras = new ArrayList<>();
        boolean withSigma = checkHeader(table, columns, extras);

        ReadResult<List<LabelledSample>> rows = RowLoop.read(table, columns, ID_COLUMN, "", mode,
                (cells, id) -> parse(cells, id, withSigma, extras));
        return new ReadResult<>(new Dataset(name, notes, rows.value()), rows.problems());
    }

    private static LabelledSample parse(RowCells cells, String id, boolean withSigma, List<String> extras) {
        SampleOrigin origin = null;
        try {
            origin = SampleOrigin.fromCsvName(cells.text(ORIGIN_COLUMN));
        } catch (IllegalArgumentException e) {
            cells.problem(ORIGIN_COLUMN + ": " + e.getMessage());
        }
        double[] molPct = new double[MajorOxide.COUNT];
        for (MajorOxide o : MajorOxide.values()) {
            molPct[o.ordinal()] = cells.nonNegative(molPctColumn(o));
        }
        double total = cells.nonNegative(TOTAL_COLUMN);
        double[] ree = new double[ReeOxide.COUNT];
        for (ReeOxide o : ReeOxide.values()) {
            ree[o.ordinal()] = cells.nonNegative(ppmMolColumn(o));
        }
        double[] sigma = null;
        if (withSigma) {
            long empty = MajorOxide.PAPER_ORDER.stream().filter(o -> cells.isEmpty(sigmaColumn(o))).count();
            if (empty == 0) {
                sigma = new double[MajorOxide.COUNT];
                for (MajorOxide o : MajorOxide.values()) {
                    sigma[o.ordinal()] = cells.nonNegative(sigmaColumn(o));
                }
            } else if (empty != MajorOxide.COUNT) {
                cells.problem("sigma columns must be all filled or all empty in a row");
            }
        }
        Map<String, Double> extraValues = new LinkedHashMap<>();
        for (String extra : extras) {
            if (!cells.isEmpty(extra)) {
                extraValues.put(extra, cells.finite(extra));
            }
        }
        if (!cells.hasProblems()) {
            try {
                OxideMolPct oxides = sigma == null ? OxideMolPct.ofPaperOrder(molPct)
                        : OxideMolPct.ofPaperOrder(molPct, sigma);
                return new LabelledSample(id, oxides,
                        new ReeTargetsPpmMol(total, ReeOxidePpmMol.ofPaperOrder(ree)), origin, extraValues);
            } catch (IllegalArgumentException e) {
                cells.problem(e.getMessage());
            }
        }
        return null;
    }

    /** Fills {@code columns} and {@code extras}; returns whether sigma columns are present. */
    private static boolean checkHeader(CsvTable table, Map<String, Integer> columns, List<String> extras) {
        List<RowProblem> problems = new ArrayList<>();
        int line = table.headerLineNumber();
        List<String> header = table.header();
        for (int i = 0; i < header.size(); i++) {
            if (columns.put(header.get(i), i) != null) {
                problems.add(new RowProblem(line, "duplicate column '" + header.get(i) + "'"));
            }
        }
        List<String> required = requiredColumns();
        for (String column : required) {
            if (!columns.containsKey(column)) {
                problems.add(new RowProblem(line, "missing column '" + column + "'"));
            }
        }
        long sigmaColumns = MajorOxide.PAPER_ORDER.stream().filter(o -> columns.containsKey(sigmaColumn(o))).count();
        if (sigmaColumns != 0 && sigmaColumns != MajorOxide.COUNT) {
            problems.add(new RowProblem(line, "sigma columns (*" + SIGMA_SUFFIX + ") must cover all ten oxides or none"));
        }
        for (String column : header) {
            if (required.contains(column) || column.endsWith(SIGMA_SUFFIX)) {
                continue;
            }
            if (UNIT_SUFFIXES.stream().anyMatch(column::endsWith)) {
                extras.add(column);
            } else {
                problems.add(new RowProblem(line, "column '" + column + "' does not end in a unit suffix "
                        + UNIT_SUFFIXES));
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetFormatException(table.source(), problems);
        }
        return sigmaColumns == MajorOxide.COUNT;
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).toPlainString();
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static void line(Writer out, String text) throws IOException {
        out.write(text);
        out.write('\n');
    }
}
