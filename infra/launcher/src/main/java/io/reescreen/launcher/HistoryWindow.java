package io.reescreen.launcher;

import io.reescreen.replay.ReplayWindow;
import picocli.CommandLine.Option;

/** {@code --from} and {@code --to}: the stretch of a topic's history {@code retrain} and {@code rescore} read. */
final class HistoryWindow {

    @Option(names = "--from", paramLabel = "T", required = true, description = "beginning, or an ISO-8601 instant "
            + "(2026-11-20T00:00:00Z) or date (2026-11-20 = start of that day, UTC); inclusive")
    private String from;

    @Option(names = "--to", paramLabel = "T", description = "end (default: the end offsets when the command starts), "
            + "an instant or a date; exclusive")
    private String to;

    ReplayWindow window() {
        try {
            return ReplayWindow.parse(from, to);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
