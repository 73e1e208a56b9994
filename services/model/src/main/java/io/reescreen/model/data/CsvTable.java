package io.reescreen.model.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A small RFC 4180-style CSV table: {@code #} comment lines before the header (kept, they carry labels such as
 * "SYNTHETIC"), one header line, data rows. Quoted fields with doubled quotes are supported; a field may not span
 * lines. Unquoted cells are trimmed; blank lines are skipped. Every row keeps its 1-based line number in the file
 * so problems can be reported where a person would look.
 */
public final class CsvTable {

    /** One data row with its 1-based line number in the source. */
    public record Row(int lineNumber, List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    private final String source;
    private final List<String> comments;
    private final List<String> header;
    private final int headerLineNumber;
    private final List<Row> rows;

    private CsvTable(String source, List<String> comments, List<String> header, int headerLineNumber,
                     List<Row> rows) {
        this.source = source;
        this.headerLineNumber = headerLineNumber;
        this.comments = Collections.unmodifiableList(comments);
        this.header = List.copyOf(header);
        this.rows = Collections.unmodifiableList(rows);
    }

    public static CsvTable read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    /**
     * Parses {@code reader}; {@code source} names it in messages.
     *
     * @throws DatasetFormatException when there is no header or a line cannot be tokenised
     */
    public static CsvTable read(Reader reader, String source) throws IOException {
        return read(reader, source, ',');
    }

    /** As {@link #read(Reader, String)} with cells separated by {@code separator} (',', ';' or a tab). */
    public static CsvTable read(Reader reader, String source, char separator) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> comments = new ArrayList<>();
        List<String> header = null;
        int headerLineNumber = 0;
        List<Row> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (header == null && line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            Optional<List<String>> cells = split(line, separator);
            if (cells.isEmpty()) {
                problems.add(new RowProblem(lineNumber, "unbalanced quotes"));
                continue;
            }
            if (header == null) {
                header = cells.get();
                headerLineNumber = lineNumber;
            } else {
                rows.add(new Row(lineNumber, cells.get()));
            }
        }
        if (header == null) {
            problems.add(new RowProblem(lineNumber, "no header line"));
        }
        if (!problems.isEmpty()) {
            throw new DatasetFormatException(source, problems);
        }
        return new CsvTable(source, comments, header, headerLineNumber, rows);
    }

    /** Splits one comma-separated line; empty when quotes are unbalanced. */
    static Optional<List<String>> split(String line) {
        return split(line, ',');
    }

    /** Splits one line at {@code separator}; empty when quotes are unbalanced. */
    static Optional<List<String>> split(String line, char separator) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (c == separator) {
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                wasQuoted = false;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return Optional.empty();
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
        return Optional.of(cells);
    }

    /** Quotes a cell for writing when it contains a comma, quote or surrounding blanks. */
    static String quote(String cell) {
        boolean needs = cell.contains(",") || cell.contains("\"") || !cell.equals(cell.strip());
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    public String source() {
        return source;
    }

    /** Text of the {@code #} lines before the header, without the {@code #}. */
    public List<String> comments() {
        return comments;
    }

    public List<String> header() {
        return header;
    }

    /** 1-based line number of the header in the source. */
    public int headerLineNumber() {
        return headerLineNumber;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Index of a header column, or -1. */
    public int columnIndex(String name) {
        return header.indexOf(name);
    }
}
