package io.reescreen.model.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The row loop the readers share: every data row is checked for its cell count, its id for being present and
 * unique, then handed to a {@link RowParser}; a row with any recorded problem is skipped and reported with all of
 * them.
 */
final class RowLoop {

    /** Reads one row whose id has been checked; records problems in {@code cells} and may return null. */
    @FunctionalInterface
    interface RowParser<T> {
        T parse(RowCells cells, String id);
    }

    private RowLoop() {
    }

    /**
     * @param columns  header name to cell index
     * @param idColumn the column holding the row id
     * @param idPrefix prepended to every id ("" for none)
     * @return the accepted rows, in file order, and the skipped ones
     * @throws DatasetFormatException in {@link ReadMode#STRICT} when any row has a problem
     */
    static <T> ReadResult<List<T>> read(CsvTable table, Map<String, Integer> columns, String idColumn,
                                        String idPrefix, ReadMode mode, RowParser<T> parser) {
        List<T> values = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : table.rows()) {
            if (row.cells().size() != table.header().size()) {
                problems.add(new RowProblem(row.lineNumber(), "has " + row.cells().size() + " cells, header has "
                        + table.header().size()));
                continue;
            }
            RowCells cells = new RowCells(row, columns);
            String id = idPrefix + cells.text(idColumn);
            if (cells.isEmpty(idColumn)) {
                cells.problem(idColumn + " is empty");
            } else if (!ids.add(id)) {
                cells.problem("duplicate sample id '" + id + "'");
            }
            T value = parser.parse(cells, id);
            if (cells.hasProblems()) {
                problems.add(cells.toProblem());
            } else if (value != null) {
                values.add(value);
            }
        }
        if (mode == ReadMode.STRICT && !problems.isEmpty()) {
            throw new DatasetFormatException(table.source(), problems);
        }
        return new ReadResult<>(List.copyOf(values), problems);
    }
}
