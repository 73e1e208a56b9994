package io.reescreen.model.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads named cells of one CSV row and collects every problem instead of stopping at the first, so a bad row is
 * reported with all that is wrong with it.
 */
final class RowCells {

    private final CsvTable.Row row;
    private final Map<String, Integer> columns;
    private final List<String> problems = new ArrayList<>();

    RowCells(CsvTable.Row row, Map<String, Integer> columns) {
        this.row = row;
        this.columns = columns;
    }

    /** 1-based line number of the row in its file. */
    int lineNumber() {
        return row.lineNumber();
    }

    String text(String column) {
        return row.cells().get(columns.get(column));
    }

    boolean isEmpty(String column) {
        return text(column).isEmpty();
    }

    /** A finite, non-negative number; NaN (and a recorded problem) otherwise. */
    double nonNegative(String column) {
        double value = finite(column);
        if (value < 0) {
            problems.add(column + " = " + text(column) + " must be >= 0");
            return Double.NaN;
        }
        return value;
    }

    /** A finite number of either sign; NaN (and a recorded problem) otherwise. */
    double finite(String column) {
        String text = text(column);
        if (text.isEmpty()) {
            problems.add(column + " is empty");
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            problems.add(column + " = '" + text + "' is not a number");
            return Double.NaN;
        }
        if (!Double.isFinite(value)) {
            problems.add(column + " = " + text + " must be finite");
            return Double.NaN;
        }
        return value;
    }

    void problem(String reason) {
        problems.add(reason);
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    RowProblem toProblem() {
        return new RowProblem(row.lineNumber(), String.join("; ", problems));
    }
}
