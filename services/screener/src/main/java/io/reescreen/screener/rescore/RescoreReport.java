package io.reescreen.screener.rescore;

import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.SkipCounts;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.predict.ThresholdUnit;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a rescore did: what it read and scored, what it skipped and why, where the predictions went, and how they
 * compare with the original ones.
 *
 * @param records       composition records in the window (decoded or not)
 * @param scored        predictions written, one per scored composition record
 * @param lots          lots with at least one prediction written
 * @param originalsRead ree.predictions records read over the same window
 */
public record RescoreReport(String modelName, String modelVersion, String modelSource, ReplayWindow window,
                            String topic, List<TopicWindowReader.PartitionRange> ranges, long records, long scored,
                            SkipCounts skipped, int lots, Optional<Instant> firstTimestamp,
                            Optional<Instant> lastTimestamp, String outputTopic, String runId, long originalsRead,
                            SkipCounts originalsSkipped, RescoreComparison.Result comparison, ScreenerSettings settings,
                            double seconds) {

    public RescoreReport {
        ranges = List.copyOf(ranges);
    }

    /** The summary for people (stdout), one labelled line each. */
    public String format() {
        StringBuilder s = new StringBuilder();
        line(s, "rescore", topic + ", " + window.describe() + ", with " + modelName + " " + modelVersion + " ("
                + modelSource + ")");
        line(s, "offsets", ranges.stream().map(r -> "p" + r.partition() + " " + r.fromOffset() + ".." + r.toOffset())
                .collect(Collectors.joining(", ")) + " (end exclusive)");
        line(s, "compositions", records + " read, " + scored + " scored, " + skipped.total() + " skipped"
                + (skipped.total() == 0 ? "" : ": " + skipped.describe()));
        if (skipped.total() > 0) {
            s.append(skipped.details("                ")).append(System.lineSeparator());
        }
        line(s, "lots", lots + firstTimestamp.map(f -> " (compositions of " + f + " .. " + lastTimestamp.orElseThrow()
                + ")").orElse(""));
        line(s, "written", scored + " predictions to " + outputTopic + ", key lotId, model version " + modelVersion
                + ", header " + RescoredSink.RUN + "=" + runId);
        RescoreComparison.Result c = comparison;
        line(s, "originals", originalsRead + " records of ree.predictions in the window"
                + (originalsSkipped.total() == 0 ? "" : ", " + originalsSkipped.total() + " skipped: "
                + originalsSkipped.describe()));
        if (c.lotsCompared() == 0) {
            line(s, "comparison", "no lot has an original prediction in the window: nothing to compare");
        } else {
            line(s, "comparison", c.lotsCompared() + " lots (latest original vs latest rescored prediction), "
                    + c.sameReadingCount() + " of them on the same reading count; " + c.lotsWithoutOriginal()
                    + " rescored lots have no original prediction in the window");
            line(s, "", "original models: " + c.originalVersions().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + " lots)").collect(Collectors.joining(", ")));
            line(s, "total REE", String.format(Locale.ROOT, "mean |change| %.1f ppm mol, mean change %+.1f ppm mol; "
                            + "mean |relative change| %.1f %%, mean relative change %+.1f %% (%d lots)",
                    c.meanAbsChangePpmMol(), c.meanChangePpmMol(), c.meanAbsRelativeChangePct(),
                    c.meanRelativeChangePct(), c.relativeLots()));
            line(s, "likely high", String.format(Locale.ROOT, "P(total >= %s) >= %.2f: %d lots before, %d after; %d "
                            + "became likely high, %d no longer", threshold(), c.alertProbability(), c.highBefore(),
                    c.highAfter(), c.becameHigh(), c.noLongerHigh())
                    + (c.otherThreshold() == 0 ? "" : "; " + c.otherThreshold()
                    + " original predictions used another threshold"));
        }
        line(s, "took", String.format(Locale.ROOT, "%.1f s", seconds));
        return s.toString();
    }

    private String threshold() {
        return settings.thresholdUnit() == ThresholdUnit.PPM_MOL
                ? String.format(Locale.ROOT, "%.0f ppm mol", settings.threshold())
                : String.format(Locale.ROOT, "%.0f mg/kg of REE elements", settings.threshold());
    }

    private static void line(StringBuilder s, String label, String text) {
        s.append(String.format(Locale.ROOT, "  %-12s  %s", label, text)).append(System.lineSeparator());
    }
}
