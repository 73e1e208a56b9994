package io.reescreen.model.data;

import java.util.List;
import java.util.Objects;

/**
 * What a reader accepted, and what it skipped and why.
 *
 * @param value    the accepted content
 * @param problems the rows that were skipped, with line numbers and reasons (empty when clean)
 */
public record ReadResult<T>(T value, List<RowProblem> problems) {

    public ReadResult {
        Objects.requireNonNull(value, "value");
        problems = List.copyOf(problems);
    }

    public boolean isClean() {
        return problems.isEmpty();
    }
}
