package io.reescreen.retrainer.replay;

import io.reescreen.release.ReleaseCheck;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.SkipCounts;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.retrainer.training.GateDecision;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.ModelRelease;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a retrain replay did: what it read, against which champion, the gate's figures and decision, and whether a
 * release was published.
 *
 * @param records          records in the window (decoded or not)
 * @param examples         examples taken (a lab result sent twice counts twice here)
 * @param distinctExamples examples the attempt trained on (the last of each lab result)
 * @param candidate        the release an accepted challenger makes, whether published or not
 * @param published        true only when the candidate was written to models.releases
 */
public record RetrainReport(String modelName, ReplayWindow window, String topic,
                            List<TopicWindowReader.PartitionRange> ranges, long records, long examples,
                            int distinctExamples, SkipCounts skipped, Optional<Instant> firstTimestamp,
                            Optional<Instant> lastTimestamp, String championVersion, String championSource,
                            RetrainingOutcome outcome, Optional<ModelRelease> candidate, boolean published,
                            double seconds) {

    public RetrainReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(candidate, "candidate");
        ranges = List.copyOf(ranges);
    }

    /** True when publishing was asked for, the gate accepted, and the release could not be written. */
    public boolean publishFailed() {
        return outcome.failure().isPresent();
    }

    public GateDecision decision() {
        return outcome.decision();
    }

    /** The candidate's artifact bytes (to keep it as a file), if the gate accepted a challenger. */
    public Optional<byte[]> candidateArtifact() {
        return candidate.map(ReleaseCheck::artifactBytes);
    }

    /** The summary for people (stdout), one labelled line each. */
    public String format() {
        GateDecision d = decision();
        StringBuilder s = new StringBuilder();
        line(s, "retrain", "model " + modelName + " from " + topic + ", " + window.describe());
        line(s, "offsets", ranges.stream().map(r -> "p" + r.partition() + " " + r.fromOffset() + ".." + r.toOffset())
                .collect(Collectors.joining(", ")) + " (end exclusive)");
        line(s, "examples", records + " records read, " + examples + " examples (" + distinctExamples
                + " distinct lab results), " + skipped.total() + " skipped" + (skipped.total() == 0 ? ""
                : ": " + skipped.describe()));
        if (skipped.total() > 0) {
            s.append(skipped.details("                ")).append(System.lineSeparator());
        }
        line(s, "time range", firstTimestamp.map(f -> f + " .. " + lastTimestamp.orElseThrow()
                + " (timestamps of the examples read)").orElse("no examples in the window"));
        line(s, "champion", championVersion + " (" + championSource + ")");
        if (d.repetitions() == 0) {
            line(s, "gate", "not run: " + d.reason());
        } else {
            line(s, "gate", String.format(Locale.ROOT, "%s challenger, %d repetitions, %d held-out rows: MAE/mean of "
                            + "total REE champion %.1f %%, challenger %.1f %% (accepted at <= %.1f %%, margin %.0f %%)",
                    d.method(), d.repetitions(), d.heldOutRows(), d.championMaeOverMeanPct(),
                    d.challengerMaeOverMeanPct(), (1 - d.margin()) * d.championMaeOverMeanPct(), 100 * d.margin()));
        }
        line(s, "decision", (d.accepted() ? "accepted: " : "rejected: ") + d.reason());
        String result;
        if (!d.accepted()) {
            result = "rejected: " + d.reason();
        } else if (outcome.failure().isPresent()) {
            result = "NOT published: " + outcome.failure().get();
        } else if (published) {
            result = "published " + candidate.orElseThrow().getVersion() + " to models.releases (parent "
                    + championVersion + ")";
        } else {
            result = "not published (use --publish); the release would be " + candidate.map(ModelRelease::getVersion)
                    .orElse("?");
        }
        line(s, "result", result);
        line(s, "took", String.format(Locale.ROOT, "%.1f s", seconds));
        return s.toString();
    }

    private static void line(StringBuilder s, String label, String text) {
        s.append(String.format(Locale.ROOT, "  %-12s  %s", label, text)).append(System.lineSeparator());
    }
}
