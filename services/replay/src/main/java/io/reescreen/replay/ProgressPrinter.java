package io.reescreen.replay;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reading progress for people (stderr): records read and the share of the offsets covered, per partition and in all,
 * at most once per {@code every} milliseconds and once at the end.
 * <pre>training.examples: 1200 records, 45 % (p0 300/700 43 %, p1 ...)</pre>
 */
public final class ProgressPrinter implements TopicWindowReader.Progress {

    private final PrintStream out;
    private final long everyNanos;
    private long last = System.nanoTime();

    public ProgressPrinter(PrintStream out, long everyMillis) {
        this.out = Objects.requireNonNull(out, "out");
        this.everyNanos = everyMillis * 1_000_000L;
    }

    @Override
    public void update(String topic, List<TopicWindowReader.PartitionRange> ranges, long[] positions, long[] read,
                       boolean done) {
        long now = System.nanoTime();
        if (!done && now - last < everyNanos) {
            return;
        }
        last = now;
        out.println(line(topic, ranges, positions, read, done));
    }

    public static String line(String topic, List<TopicWindowReader.PartitionRange> ranges, long[] positions, long[] read,
                       boolean done) {
        long size = 0;
        long covered = 0;
        long records = 0;
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < ranges.size(); i++) {
            TopicWindowReader.PartitionRange r = ranges.get(i);
            size += r.size();
            long c = Math.max(0, Math.min(positions[i], r.toOffset()) - r.fromOffset());
            covered += c;
            records += read[i];
            parts.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "p%d %d/%d %s", r.partition(), read[i],
                    r.size(), percent(c, r.size())));
        }
        return String.format(Locale.ROOT, "%s: %d records, %s%s (%s)", topic, records, percent(covered, size),
                done ? ", done" : "", parts);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "100 %" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }
}
