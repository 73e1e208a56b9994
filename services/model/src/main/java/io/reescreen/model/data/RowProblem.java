package io.reescreen.model.data;

import java.util.Objects;

/**
 * Why one line of a data file was not accepted.
 *
 * @param lineNumber 1-based line number in the file (the header is a line too)
 * @param reason     what is wrong, naming the column and the value
 */
public record RowProblem(int lineNumber, String reason) {

    public RowProblem {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason;
    }
}
