package io.reescreen.retrainer.performance;

import io.reescreen.schemas.ModelPerformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The realised-accuracy table of {@code ./reescreen performance} and of the demo's operator view: every comparison of a
 * stretch of models.performance, per site and model version (all of them, not a rolling window).
 */
public final class PerformanceReport {

    static final String HEADER = String.format(Locale.ROOT, "%-12s %-44s %-10s %5s %10s %7s %10s %9s %10s %7s  %s",
            "site", "model version", "model site", "n", "MAE/mean", "MAPE", "coverage", "width", "precision",
            "recall", "TP/FP/FN/TN");
    static final String UNITS = "n: comparisons; MAE/mean = sum |predicted - lab| / sum lab and MAPE = mean "
            + "|predicted - lab| / lab, of total REE in ppm mol of the REE oxides, %; coverage: lab values inside the "
            + "90 % interval, %; width: mean (p95 - p05) / prediction, %; precision and recall at each prediction's "
            + "threshold (screened high when P(high) reached the alert probability), %; TP/FP/FN/TN: the screening outcomes "
            + "behind them, counts; '-': undefined";

    private PerformanceReport() {
    }

    /** @param site only this site's comparisons; null: every site */
    public static List<String> lines(List<ModelPerformance> comparisons, String site) {
        Map<RollingAccuracy.Key, List<ModelPerformance>> groups = new TreeMap<>();
        for (ModelPerformance c : comparisons) {
            if (site == null || site.equals(c.getSiteId())) {
                groups.computeIfAbsent(RollingAccuracy.Key.of(c), k -> new ArrayList<>()).add(c);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        groups.forEach((key, group) -> {
            AccuracyFigures f = AccuracyFigures.of(group);
            lines.add(String.format(Locale.ROOT, "%-12s %-44s %-10s %5d %10s %7s %10s %9s %10s %7s  %d/%d/%d/%d",
                    PerformanceBoard.site(key.siteId()), key.modelVersion(),
                    Objects.requireNonNullElse(key.modelSiteId(), "base"), f.comparisons(), pct(f.maeOverMeanPct()),
                    pct(f.mapePct()), pct(f.coverage90Pct()), pct(f.meanIntervalWidthPct()), pct(f.precisionPct()),
                    pct(f.recallPct()), f.screening().truePositives(), f.screening().falsePositives(),
                    f.screening().falseNegatives(), f.screening().trueNegatives()));
        });
        lines.add(UNITS);
        return lines;
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }
}
