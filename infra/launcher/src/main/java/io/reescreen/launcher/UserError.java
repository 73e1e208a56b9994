package io.reescreen.launcher;

import io.reescreen.model.data.DatasetFormatException;
import io.reescreen.model.data.RowProblem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Something the user gave cannot be used (a file that is missing, unreadable or in no known format, a corrupt
 * model): {@link Reescreen} prints the message as one line and exits 2, without a stack trace, which is kept for
 * the program's own faults.
 */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int PROBLEMS_SHOWN = 3;

    UserError(String message) {
        super(message);
    }

    /** The format error on one line: its first problems, then how many more. */
    static UserError of(DatasetFormatException e) {
        List<RowProblem> problems = e.problems();
        String shown = problems.stream().limit(PROBLEMS_SHOWN).map(RowProblem::toString)
                .collect(Collectors.joining("; "));
        String more = problems.size() > PROBLEMS_SHOWN ? "; and " + (problems.size() - PROBLEMS_SHOWN) + " more" : "";
        return new UserError(e.source() + ": " + shown + more);
    }
}
