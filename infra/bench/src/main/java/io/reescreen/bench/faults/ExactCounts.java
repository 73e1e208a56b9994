package io.reescreen.bench.faults;

import java.util.Map;

/**
 * What came out against what went in, key by key: {@code expected} is what each key must show once every record sent
 * is counted exactly once (a lot's readings, or 1 per lab result id); {@code seen} is what an outside read_committed
 * consumer found. A key short of its expectation counts as lost, one above it as duplicated; keys the probe did not
 * send are not its business (other records share the topics).
 *
 * @param sent       records the probe had acknowledged by the broker (count)
 * @param expected   sum of the expectations (count)
 * @param seen       sum of what was found for the probe's keys (count)
 * @param lost       sum of the shortfalls (count)
 * @param duplicated sum of the excesses (count)
 */
public record ExactCounts(long sent, long expected, long seen, long lost, long duplicated) {

    public static ExactCounts compare(long sent, Map<String, Long> expected, Map<String, Long> seen) {
        long expectedSum = 0;
        long seenSum = 0;
        long lost = 0;
        long duplicated = 0;
        for (Map.Entry<String, Long> key : expected.entrySet()) {
            long want = key.getValue();
            long got = seen.getOrDefault(key.getKey(), 0L);
            expectedSum += want;
            seenSum += got;
            lost += Math.max(0, want - got);
            duplicated += Math.max(0, got - want);
        }
        return new ExactCounts(sent, expectedSum, seenSum, lost, duplicated);
    }

    public boolean exact() {
        return lost == 0 && duplicated == 0;
    }

    @Override
    public String toString() {
        return sent + " / " + expected + " / " + seen + " / " + lost + " / " + duplicated;
    }
}
