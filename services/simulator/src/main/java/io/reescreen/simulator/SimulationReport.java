package io.reescreen.simulator;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a run published, counted on the broker's acknowledgement: how many lots and readings, how many good
 * readings each lot got, how many bad ones of each kind, and the reading ids of each (when the plan records them).
 * A downstream test checks the screener against these numbers exactly.
 *
 * @param runId                the plan's run id
 * @param lotsPublished        LotInfo records acknowledged on {@code lots}
 * @param readingsSent         readings acknowledged on {@code xrf.readings}, good and bad
 * @param failedSends          readings (or lots) the producer could not deliver; 0 in a healthy run
 * @param goodReadingsPerLot   acknowledged good readings per lot id, every plan lot present (0 if none)
 * @param badReadingsPerKind   acknowledged bad readings per kind, every kind present (0 if none)
 * @param goodReadingIdsPerLot ids of the good readings per lot (empty lists when ids are not recorded)
 * @param badReadingIdsPerKind ids of the bad readings per kind (empty lists when ids are not recorded)
 * @param elapsed              wall time from start to this report
 * @param finished             whether the run has ended (completed or stopped)
 * @param stopped              whether it ended because it was stopped before its total
 */
public record SimulationReport(String runId, int lotsPublished, long readingsSent, long failedSends,
                               Map<String, Long> goodReadingsPerLot, Map<BadInputKind, Long> badReadingsPerKind,
                               Map<String, List<String>> goodReadingIdsPerLot,
                               Map<BadInputKind, List<String>> badReadingIdsPerKind, Duration elapsed,
                               boolean finished, boolean stopped) {

    /** The tally of shots made without Kafka, as if every one had been acknowledged. */
    public static SimulationReport tally(SimulationPlan plan, Collection<SimulatedShot> shots) {
        ReportRecorder recorder = new ReportRecorder(plan);
        for (SimulatedShot shot : shots) {
            recorder.attempted();
            recorder.acknowledged(shot);
        }
        return recorder.report(Duration.ZERO, true, false);
    }

    public long goodReadings() {
        return goodReadingsPerLot.values().stream().mapToLong(Long::longValue).sum();
    }

    public long badReadings() {
        return badReadingsPerKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public long badReadings(BadInputKind kind) {
        return badReadingsPerKind.getOrDefault(kind, 0L);
    }

    /** Every recorded reading id, good then bad. */
    public Stream<String> allReadingIds() {
        return Stream.concat(goodReadingIdsPerLot.values().stream().flatMap(List::stream),
                badReadingIdsPerKind.values().stream().flatMap(List::stream));
    }

    /** Readings per second over the run so far (0 before any time has passed). */
    public double readingsPerSecond() {
        return elapsed.isZero() ? 0 : readingsSent * 1e9 / elapsed.toNanos();
    }
}
