package io.reescreen.launcher.dlq;

import io.reescreen.replay.SkipCounts;
import java.util.Locale;

/**
 * What a replay did, for the summary: dead letters read and matched; re-admitted (or, on a dry run, that would be);
 * already re-admitted by an earlier run (the ledger); not replayable, by why.
 */
public record ReplayReport(DeadLetterTopic topic, DeadLetterFilter filter, boolean dryRun, String run, long read,
                           long matched, long readmitted, long transactions, long alreadyReplayed,
                           SkipCounts notReplayable) {

    public String format() {
        String n = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "replay         %s -> %s%s%n", topic.topic(), topic.source(),
                dryRun ? " (dry run: nothing sent)" : ", run " + run));
        out.append("filter         ").append(filter.describe()).append(n);
        out.append(String.format(Locale.ROOT, "matched        %d of %d dead letters read%n", matched, read));
        if (dryRun) {
            out.append(String.format(Locale.ROOT, "re-admitted    0; would re-admit %d%n", readmitted));
        } else {
            out.append(String.format(Locale.ROOT, "re-admitted    %d to %s in %d transaction(s)%n", readmitted,
                    topic.source(), transactions));
        }
        out.append(String.format(Locale.ROOT, "already        %d re-admitted before (dlq.replays), not again%n",
                alreadyReplayed));
        out.append(String.format(Locale.ROOT, "not replayable %d: %s%n", notReplayable.total(), notReplayable.describe()));
        if (notReplayable.total() > 0) {
            out.append(notReplayable.details("               ")).append(n);
        }
        return out.toString();
    }
}
