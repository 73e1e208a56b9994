package io.reescreen.model.data;

import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReeElementPpm;
import io.reescreen.model.units.ReeOxide;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an oxide table as XRF instruments and lab software export it: comma-, semicolon- or tab-separated (a decimal
 * comma with ';'), headers as {@link OxideColumns} recognises them, a cell {@code <0.01} below detection at that
 * limit, an empty cell not reported. Oxides are wt % of ash; a major element in ppm is turned into its oxide's wt %
 * by the units package. Rows keep the reported units ({@link OxideTableSample}); {@link OxideTable#inputs} applies
 * the reading policy.
 */
public final class OxideTableReader {

    private final ReadMode mode;

    public OxideTableReader(ReadMode mode) {
        this.mode = mode;
    }

    /** Whether a file whose first non-comment line is {@code headerLine} is an oxide table this reader takes. */
    public static boolean recognises(String headerLine) {
        CsvDialect dialect = CsvDialect.of(headerLine);
        return CsvTable.split(headerLine, dialect.separator()).map(OxideColumns::recognises).orElse(false);
    }

    public ReadResult<OxideTable> read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public ReadResult<OxideTable> read(Reader reader, String source) throws IOException {
        StringBuilder text = new StringBuilder();
        try (BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                text.append(line).append('\n');
            }
        }
        return read(text.toString(), source);
    }

    private ReadResult<OxideTable> read(String text, String source) throws IOException {
        CsvDialect dialect = CsvDialect.of(headerLine(text));
        CsvTable table = CsvTable.read(new StringReader(text), source, dialect.separator());
        OxideColumns columns = OxideColumns.of(table.header(), source, table.headerLineNumber());
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < table.header().size(); i++) {
            if (columns.read().contains(table.header().get(i)) && byName.put(table.header().get(i), i) != null) {
                throw new DatasetFormatException(source, List.of(new RowProblem(table.headerLineNumber(),
                        "duplicate column '" + table.header().get(i) + "'")));
            }
        }
        ReadResult<List<OxideTableSample>> rows = RowLoop.read(table, byName, columns.idColumn, "", mode,
                (cells, id) -> parse(cells, id, columns, dialect));
        return new ReadResult<>(new OxideTable(source, dialect, columns.ignored, rows.value()), rows.problems());
    }

    private static String headerLine(String text) {
        for (String line : text.split("\n", -1)) {
            String l = line.replace("\uFEFF", "").strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                return l;
            }
        }
        return "";
    }

    private static OxideTableSample parse(RowCells cells, String id, OxideColumns columns, CsvDialect dialect) {
        OxideWtPctReading.Builder reading = OxideWtPctReading.builder();
        columns.oxideWtPct.forEach((oxide, column) -> {
            Cell cell = cell(cells, column, dialect, 100, "wt %");
            if (cell instanceof Cell.Value v) {
                reading.measured(oxide, v.value());
            } else if (cell instanceof Cell.Below b) {
                reading.belowDetection(oxide, b.limit());
            }
        });
        columns.elementPpm.forEach((oxide, column) -> {
            Cell cell = cell(cells, column, dialect, 1_000_000, "ppm");
            if (cell instanceof Cell.Value v) {
                reading.measuredAsElementPpm(oxide, v.value());
            } else if (cell instanceof Cell.Below b) {
                reading.belowDetectionAsElementPpm(oxide, b.limit());
            }
        });
        Optional<ReeElementPpm> ree = columns.hasLabRee() ? labRee(cells, columns, dialect) : Optional.empty();
        if (cells.hasProblems()) {
            return null;
        }
        return new OxideTableSample(id, cells.lineNumber(), reading.build(), ree);
    }

    /** The lab's 16 values, or none when the row leaves them all empty (a sample not sent to the lab). */
    private static Optional<ReeElementPpm> labRee(RowCells cells, OxideColumns columns, CsvDialect dialect) {
        List<String> reeColumns = ReeOxide.PAPER_ORDER.stream().map(o -> columns.reePpm.get(o.element())).toList();
        if (reeColumns.stream().allMatch(cells::isEmpty)) {
            return Optional.empty();
        }
        double[] ppm = new double[ReeOxide.COUNT];
        for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
            String column = columns.reePpm.get(oxide.element());
            ppm[oxide.ordinal()] = cell(cells, column, dialect, 1_000_000, "ppm") instanceof Cell.Value v ? v.value()
                    : problem(cells, column + " = '" + cells.text(column) + "': the lab values need a number for each"
                    + " of the 16 rare earths");
        }
        return Optional.of(ReeElementPpm.ofPaperOrder(ppm));
    }

    private static double problem(RowCells cells, String reason) {
        cells.problem(reason);
        return Double.NaN;
    }

    /** A cell: a value, below a detection limit, not reported (empty), or bad (a problem is recorded). */
    private sealed interface Cell {
        record Value(double value) implements Cell {
        }

        record Below(double limit) implements Cell {
        }

        record Empty() implements Cell {
        }

        record Bad() implements Cell {
        }
    }

    private static Cell cell(RowCells cells, String column, CsvDialect dialect, double max, String unit) {
        String text = cells.text(column);
        if (text.isEmpty()) {
            return new Cell.Empty();
        }
        boolean below = text.startsWith("<");
        String number = dialect.numberText(below ? text.substring(1).strip() : text);
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            cells.problem(column + " = '" + text + "' is not a number" + (dialect.decimalComma() ? "" : hint(text)));
            return new Cell.Bad();
        }
        if (!Double.isFinite(value) || value < 0 || value > max || (below && value == 0)) {
            cells.problem(column + " = '" + text + "': must be " + (below ? "a detection limit in (0, " : "in [0, ")
                    + (long) max + "] " + unit);
            return new Cell.Bad();
        }
        return below ? new Cell.Below(value) : new Cell.Value(value);
    }

    private static String hint(String text) {
        return text.contains(",") ? " (a decimal comma is read only in ';'-separated files)" : "";
    }
}
