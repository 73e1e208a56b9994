package io.reescreen.model.data;

import java.util.List;
import java.util.stream.Collectors;

/** A data file that cannot be read as asked: every problem found is listed, not just the first. */
public final class DatasetFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<RowProblem> problems;

    public DatasetFormatException(String source, List<RowProblem> problems) {
        super(source + ": " + problems.size() + " problem(s):\n  "
                + problems.stream().map(RowProblem::toString).collect(Collectors.joining("\n  ")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<RowProblem> problems() {
        return problems;
    }
}
