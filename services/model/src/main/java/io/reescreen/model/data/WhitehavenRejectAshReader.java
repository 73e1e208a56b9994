package io.reescreen.model.data;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReadingPolicy;
import io.reescreen.model.units.ReeElementPpm;
import io.reescreen.model.units.ReeOxide;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code whitehaven_reject_ash_tidy.csv} (shared/data/raw/acarp-whitehaven-reject-ash): columns
 * {@code sample}, {@code <oxide>_wtpct_4acid} for the oxides the four-acid digestion reports (SiO2 never),
 * {@code <El>_ppm} for the 16 REE, {@code Seam}, {@code Fraction}, {@code Ash_ad_pct}. An oxide column absent from
 * the header is absent from every reading, which is what lets later code show SiO2 by difference at work.
 * An oxide cell {@code <0.01} is below detection at that limit, as lab exports write it. Values carry no σ (the
 * certificate gives none).
 */
public final class WhitehavenRejectAshReader {

    public static final String OXIDE_SUFFIX = "_wtpct_4acid";
    public static final String REE_SUFFIX = "_ppm";
    public static final String ID_COLUMN = "sample";
    public static final List<String> DESCRIPTIVE_COLUMNS = List.of("Seam", "Fraction", "Ash_ad_pct");

    private final ReadMode mode;

    public WhitehavenRejectAshReader(ReadMode mode) {
        this.mode = mode;
    }

    public ReadResult<List<RejectAshSample>> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    public ReadResult<List<RejectAshSample>> read(Reader reader, String source) throws IOException {
        CsvTable table = CsvTable.read(reader, source);
        Map<String, Integer> columns = new HashMap<>();
        List<MajorOxide> oxides = checkHeader(table, columns);

        return RowLoop.read(table, columns, ID_COLUMN, "", mode, (cells, id) -> parse(cells, id, oxides));
    }

    /**
     * The file as a labelled dataset in the model's representation ({@link RejectAshLabels}): a row whose reading
     * {@code policy} refuses is skipped and reported with its line number, like a row with a bad cell.
     */
    public ReadResult<Dataset> readLabelled(Path file, ReadingPolicy policy) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readLabelled(reader, file.toString(), policy);
        }
    }

    public ReadResult<Dataset> readLabelled(Reader reader, String source, ReadingPolicy policy) throws IOException {
        CsvTable table = CsvTable.read(reader, source);
        Map<String, Integer> columns = new HashMap<>();
        List<MajorOxide> oxides = checkHeader(table, columns);
        ReadResult<List<LabelledSample>> rows = RowLoop.read(table, columns, ID_COLUMN, "", mode, (cells, id) -> {
            RejectAshSample sample = parse(cells, id, oxides);
            if (sample == null) {
                return null;
            }
            try {
                return RejectAshLabels.labelled(sample, policy);
            } catch (IllegalArgumentException e) { // CompositionException among them
                cells.problem(e.getMessage());
                return null;
            }
        });
        return new ReadResult<>(new Dataset(source, RejectAshLabels.notes(policy), rows.value()), rows.problems());
    }

    private static RejectAshSample parse(RowCells cells, String id, List<MajorOxide> oxides) {
        OxideWtPctReading.Builder reading = OxideWtPctReading.builder();
        for (MajorOxide o : oxides) {
            String text = cells.text(o.formula() + OXIDE_SUFFIX);
            if (text.startsWith("<")) {
                belowDetection(cells, reading, o, text.substring(1).trim());
                continue;
            }
            double v = cells.nonNegative(o.formula() + OXIDE_SUFFIX);
            if (!Double.isNaN(v)) {
                if (v > 100) {
                    cells.problem(o.formula() + OXIDE_SUFFIX + " = " + v + " exceeds 100 wt%");
                } else {
                    reading.measured(o, v);
                }
            }
        }
        double[] ree = new double[ReeOxide.COUNT];
        for (ReeOxide o : ReeOxide.values()) {
            ree[o.ordinal()] = cells.nonNegative(o.element().symbol() + REE_SUFFIX);
        }
        double ashYield = cells.nonNegative("Ash_ad_pct");
        if (cells.hasProblems()) {
            return null;
        }
        return new RejectAshSample(id, reading.build(), ReeElementPpm.ofPaperOrder(ree),
                cells.text("Seam"), cells.text("Fraction"), ashYield);
    }

    private static void belowDetection(RowCells cells, OxideWtPctReading.Builder reading, MajorOxide oxide,
                                       String limitText) {
        String column = oxide.formula() + OXIDE_SUFFIX;
        double limit;
        try {
            limit = Double.parseDouble(limitText);
        } catch (NumberFormatException e) {
            cells.problem(column + " = '<" + limitText + "': the detection limit is not a number");
            return;
        }
        if (!(limit > 0 && limit <= 100)) {
            cells.problem(column + " = '<" + limitText + "': the detection limit must be in (0, 100] wt%");
            return;
        }
        reading.belowDetection(oxide, limit);
    }

    /** Returns the oxides present; unknown columns are a header error. */
    private static List<MajorOxide> checkHeader(CsvTable table, Map<String, Integer> columns) {
        List<RowProblem> problems = new ArrayList<>();
        int line = table.headerLineNumber();
        EnumMap<MajorOxide, Boolean> present = new EnumMap<>(MajorOxide.class);
        List<String> reeColumns = ReeOxide.PAPER_ORDER.stream().map(o -> o.element().symbol() + REE_SUFFIX).toList();
        for (int i = 0; i < table.header().size(); i++) {
            String column = table.header().get(i);
            if (columns.put(column, i) != null) {
                problems.add(new RowProblem(line, "duplicate column '" + column + "'"));
            }
            if (column.endsWith(OXIDE_SUFFIX)) {
                String formula = column.substring(0, column.length() - OXIDE_SUFFIX.length());
                try {
                    present.put(MajorOxide.fromFormula(formula), true);
                } catch (IllegalArgumentException e) {
                    problems.add(new RowProblem(line, "column '" + column + "': " + e.getMessage()));
                }
            } else if (!column.equals(ID_COLUMN) && !reeColumns.contains(column)
                    && !DESCRIPTIVE_COLUMNS.contains(column)) {
                problems.add(new RowProblem(line, "unexpected column '" + column + "'"));
            }
        }
        List<String> required = new ArrayList<>(reeColumns);
        required.add(ID_COLUMN);
        required.addAll(DESCRIPTIVE_COLUMNS);
        for (String column : required) {
            if (!columns.containsKey(column)) {
                problems.add(new RowProblem(line, "missing column '" + column + "'"));
            }
        }
        if (present.isEmpty()) {
            problems.add(new RowProblem(line, "no oxide columns (*" + OXIDE_SUFFIX + ")"));
        }
        if (!problems.isEmpty()) {
            throw new DatasetFormatException(table.source(), problems);
        }
        return List.copyOf(present.keySet());
    }
}
