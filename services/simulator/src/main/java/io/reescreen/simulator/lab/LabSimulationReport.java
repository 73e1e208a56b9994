package io.reescreen.simulator.lab;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a lab run published, counted on the broker's acknowledgement: good results and bad ones per kind, with their
 * ids. A downstream test checks the retrainer (its training examples and its dead letters) against these exactly.
 *
 * @param topic                  where the results went
 * @param resultsSent            results acknowledged, good and bad
 * @param failedSends            results the producer could not deliver; 0 in a healthy run
 * @param goodLabResultIds       ids of the acknowledged good results, in publishing order
 * @param badLabResultIdsPerKind ids of the acknowledged bad results per kind, every kind present (empty if none)
 */
public record LabSimulationReport(String topic, long resultsSent, long failedSends, List<String> goodLabResultIds,
                                  Map<BadLabResultKind, List<String>> badLabResultIdsPerKind) {

    public LabSimulationReport {
        goodLabResultIds = List.copyOf(goodLabResultIds);
        Map<BadLabResultKind, List<String>> copy = new EnumMap<>(BadLabResultKind.class);
        for (BadLabResultKind kind : BadLabResultKind.values()) {
            copy.put(kind, List.copyOf(badLabResultIdsPerKind.getOrDefault(kind, List.of())));
        }
        badLabResultIdsPerKind = Collections.unmodifiableMap(copy);
    }

    /** The tally of results made without Kafka, as if every one had been acknowledged. */
    public static LabSimulationReport tally(String topic, Collection<SimulatedLabResult> results) {
        List<String> good = new ArrayList<>();
        Map<BadLabResultKind, List<String>> bad = new EnumMap<>(BadLabResultKind.class);
        for (SimulatedLabResult r : results) {
            if (r.isGood()) {
                good.add(r.labResultId());
            } else {
                bad.computeIfAbsent(r.badKind().orElseThrow(), k -> new ArrayList<>()).add(r.labResultId());
            }
        }
        return new LabSimulationReport(topic, results.size(), 0, good, bad);
    }

    public long goodResults() {
        return goodLabResultIds.size();
    }

    public long badResults() {
        return badLabResultIdsPerKind.values().stream().mapToLong(List::size).sum();
    }

    public long badResults(BadLabResultKind kind) {
        return badLabResultIdsPerKind.get(kind).size();
    }

    /** Bad results per kind, every kind present (0 if none). */
    public Map<BadLabResultKind, Long> badResultsPerKind() {
        Map<BadLabResultKind, Long> counts = new EnumMap<>(BadLabResultKind.class);
        badLabResultIdsPerKind.forEach((kind, ids) -> counts.put(kind, (long) ids.size()));
        return Collections.unmodifiableMap(counts);
    }
}
