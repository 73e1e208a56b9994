package io.reescreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicWindowReaderTest {

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    /** Partition p holds records at T0 + p minutes + k hours, k = 0..4, named "p/k". */
    private static TimedMockConsumer consumer() {
        TimedMockConsumer c = new TimedMockConsumer().topic("t", 3);
        for (int p = 0; p < 3; p++) {
            for (int k = 0; k < 5; k++) {
                c.append("t", p, T0.plusSeconds(60L * p + 3600L * k).toEpochMilli(), null,
                        (p + "/" + k).getBytes(StandardCharsets.UTF_8));
            }
        }
        return c;
    }

    private static List<String> readAll(TimedMockConsumer c, ReplayWindow window, List<String> progress) {
        TopicWindowReader reader = new TopicWindowReader(c, Duration.ofSeconds(5));
        List<String> seen = new ArrayList<>();
        reader.read("t", reader.ranges("t", window), r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)),
                (topic, ranges, positions, read, done) -> progress.add(
                        ProgressPrinter.line(topic, ranges, positions, read, done)));
        seen.sort(null);
        return seen;
    }

    @Test
    void theWindowIsFoundByTimeInEveryPartitionFromInclusiveToExclusive() {
        List<String> progress = new ArrayList<>();
        // From T0 + 1 h (inclusive) to T0 + 3 h + 1 min (exclusive): k = 1, 2 everywhere, and k = 3 in p0 only.
        List<String> seen = readAll(consumer(), ReplayWindow.parse("2026-11-20T01:00:00Z", "2026-11-20T03:01:00Z"),
                progress);
        assertEquals(List.of("0/1", "0/2", "0/3", "1/1", "1/2", "2/1", "2/2"), seen);
        String last = progress.get(progress.size() - 1);
        assertTrue(last.startsWith("t: 7 records, 100 %, done (p0 3/3 100 %, p1 2/2 100 %, p2 2/2 100 %)"), last);
    }

    @Test
    void beginningAndEndReadEverythingAndALateStartReadsNothing() {
        assertEquals(15, readAll(consumer(), ReplayWindow.parse("beginning", null), new ArrayList<>()).size());
        assertEquals(List.of(), readAll(consumer(), ReplayWindow.parse("2027-01-01", null), new ArrayList<>()));
        TopicWindowReader reader = new TopicWindowReader(consumer(), Duration.ofSeconds(5));
        List<TopicWindowReader.PartitionRange> ranges = reader.ranges("t", ReplayWindow.parse("2026-11-20T04:00:00Z", null));
        assertEquals(List.of(new TopicWindowReader.PartitionRange(0, 4, 5), new TopicWindowReader.PartitionRange(1, 4, 5),
                new TopicWindowReader.PartitionRange(2, 4, 5)), ranges);
    }

    @Test
    void aMissingTopicSaysSo() {
        TopicWindowReader reader = new TopicWindowReader(consumer(), Duration.ofSeconds(5));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> reader.ranges("nope", ReplayWindow.parse("beginning", null)));
        assertTrue(e.getMessage().contains("nope does not exist"), e.getMessage());
    }
}
