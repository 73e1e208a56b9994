package io.reescreen.retrainer.performance;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.reescreen.retrainer.app.RetrainerProperties;
import io.reescreen.schemas.DriftAlarm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /performance}: the rolling realised accuracy per site and model version (percent figures; null where a
 * figure is undefined), and whether each site's drift alarm is raised.
 */
@Controller("/performance")
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class PerformanceController {

    private final PerformanceRuntime runtime;

    public PerformanceController(PerformanceRuntime runtime) {
        this.runtime = runtime;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public Map<String, Object> performance() {
        PerformanceBoard board = runtime.board();
        List<Map<String, Object>> rows = new ArrayList<>();
        board.figures().forEach((key, f) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("site", key.siteId());
            row.put("modelVersion", key.modelVersion());
            row.put("modelSite", key.modelSiteId());
            row.put("comparisons", f.comparisons());
            row.put("maeOverMeanPct", finite(f.maeOverMeanPct()));
            row.put("mapePct", finite(f.mapePct()));
            row.put("coverage90Pct", finite(f.coverage90Pct()));
            row.put("meanIntervalWidthPct", finite(f.meanIntervalWidthPct()));
            row.put("precisionPct", finite(f.precisionPct()));
            row.put("recallPct", finite(f.recallPct()));
            Optional<DriftAlarm> alarm = board.raised(key.siteId());
            row.put("driftRaised", alarm.isPresent());
            row.put("driftReason", alarm.map(a -> a.getReason()).orElse(null));
            rows.add(row);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", board.window());
        body.put("caughtUp", runtime.caughtUp());
        body.put("stopped", runtime.stopped());
        body.put("comparedHere", runtime.counts().comparedCount());
        body.put("redeliveredHere", runtime.counts().redeliveredCount());
        body.put("unpredictedHere", runtime.counts().unpredictedCount());
        body.put("bySiteAndVersion", rows);
        return body;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
