package io.reescreen.model.transfer;

import io.reescreen.model.data.CsvTable;
import io.reescreen.model.data.DatasetFormatException;
import io.reescreen.model.data.RowProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads fixed transfer splits, one per line: {@code split_id,train_rows,test_rows,...} with the rows 0-based
 * and ';'-joined (the layout of {@code reference/franus_splits.csv}; other columns are ignored). A bad line
 * fails the whole read with its line number: a silently skipped split would change the reported mean.
 */
public final class SiteSplits {

    public static final String ID_COLUMN = "split_id";
    public static final String TRAIN_COLUMN = "train_rows";
    public static final String TEST_COLUMN = "test_rows";

    private SiteSplits() {
    }

    public static List<SiteSplit> read(Path file) throws IOException {
        CsvTable table = CsvTable.read(file);
        int id = column(table, ID_COLUMN);
        int train = column(table, TRAIN_COLUMN);
        int test = column(table, TEST_COLUMN);
        List<SiteSplit> splits = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        int needed = Math.max(id, Math.max(train, test)) + 1;
        for (CsvTable.Row row : table.rows()) {
            try {
                if (row.cells().size() < needed) {
                    throw new IllegalArgumentException(row.cells().size() + " cells, the header names " + table.header().size());
                }
                if (!ids.add(row.cells().get(id))) {
                    throw new IllegalArgumentException("split id '" + row.cells().get(id) + "' appears twice");
                }
                splits.add(new SiteSplit(row.cells().get(id), rows(row.cells().get(train)), rows(row.cells().get(test))));
            } catch (RuntimeException e) {
                problems.add(new RowProblem(row.lineNumber(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetFormatException(table.source(), problems);
        }
        return splits;
    }

    private static int column(CsvTable table, String name) {
        int index = table.columnIndex(name);
        if (index < 0) {
            throw new DatasetFormatException(table.source(),
                    List.of(new RowProblem(table.headerLineNumber(), "no column '" + name + "' in " + table.header())));
        }
        return index;
    }

    private static int[] rows(String cell) {
        if (cell == null || cell.isBlank()) {
            throw new IllegalArgumentException("empty row list");
        }
        return Arrays.stream(cell.split(";")).map(String::trim).mapToInt(s -> {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a row number");
            }
        }).toArray();
    }
}
