package io.reescreen.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts a run as the broker acknowledges it. Thread-safe: producer callbacks arrive on the producer's I/O thread
 * while the publishing thread and observers read.
 */
final class ReportRecorder {

    private final String runId;
    private final boolean recordIds;
    private final Map<String, Long> goodPerLot = new LinkedHashMap<>();
    private final Map<String, List<String>> goodIdsPerLot = new LinkedHashMap<>();
    private final Map<BadInputKind, Long> badPerKind = new EnumMap<>(BadInputKind.class);
    private final Map<BadInputKind, List<String>> badIdsPerKind = new EnumMap<>(BadInputKind.class);
    private int lotsPublished;
    private long attempted;
    private long sent;
    private long good;
    private long bad;
    private long failed;
    private Exception firstFailure;

    ReportRecorder(SimulationPlan plan) {
        this.runId = plan.runId();
        this.recordIds = plan.recordReadingIds();
        for (SimulatedLot lot : plan.lots()) {
            goodPerLot.put(lot.lotId(), 0L);
            goodIdsPerLot.put(lot.lotId(), new ArrayList<>());
        }
        for (BadInputKind kind : BadInputKind.values()) {
            badPerKind.put(kind, 0L);
            badIdsPerKind.put(kind, new ArrayList<>());
        }
    }

    synchronized void lotPublished() {
        lotsPublished++;
    }

    synchronized void attempted() {
        attempted++;
    }

    synchronized void acknowledged(SimulatedShot shot) {
        sent++;
        if (shot.isGood()) {
            good++;
            // A good shot's lot id is always a plan lot.
            goodPerLot.merge(shot.lotId(), 1L, Long::sum);
            if (recordIds) {
                goodIdsPerLot.get(shot.lotId()).add(shot.readingId());
            }
        } else {
            bad++;
            BadInputKind kind = shot.badInput().orElseThrow();
            badPerKind.merge(kind, 1L, Long::sum);
            if (recordIds) {
                badIdsPerKind.get(kind).add(shot.readingId());
            }
        }
    }

    synchronized void failed(Exception cause) {
        failed++;
        if (firstFailure == null) {
            firstFailure = cause;
        }
    }

    synchronized long failedCount() {
        return failed;
    }

    synchronized Exception firstFailure() {
        return firstFailure;
    }

    synchronized SimulationProgress progress(Duration elapsed, boolean finished) {
        return new SimulationProgress(lotsPublished, attempted, sent, good, bad, failed, elapsed, finished);
    }

    synchronized SimulationReport report(Duration elapsed, boolean finished, boolean stopped) {
        Map<String, List<String>> goodIds = new LinkedHashMap<>();
        goodIdsPerLot.forEach((lot, ids) -> goodIds.put(lot, List.copyOf(ids)));
        Map<BadInputKind, List<String>> badIds = new EnumMap<>(BadInputKind.class);
        badIdsPerKind.forEach((kind, ids) -> badIds.put(kind, List.copyOf(ids)));
        return new SimulationReport(runId, lotsPublished, sent, failed,
                Collections.unmodifiableMap(new LinkedHashMap<>(goodPerLot)),
                Collections.unmodifiableMap(new EnumMap<>(badPerKind)),
                Collections.unmodifiableMap(goodIds), Collections.unmodifiableMap(badIds), elapsed, finished, stopped);
    }
}
