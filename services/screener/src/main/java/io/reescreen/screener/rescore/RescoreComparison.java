package io.reescreen.screener.rescore;

import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each lot's latest rescored prediction against its latest original one (ree.predictions, same window): how far the
 * predicted total REE moved, and how many lots change the alert's verdict, likely high being
 * P(total >= threshold) >= the alert probability (ScreenerSettings; the live alert adds hysteresis on the way down,
 * which a one-off comparison has no history for). Not thread-safe.
 */
public final class RescoreComparison {

    /**
     * @param lotsRescored        lots with at least one rescored prediction
     * @param lotsCompared        of those, lots with an original prediction in the window
     * @param sameReadingCount    of those compared, lots whose two predictions cover the same number of readings (the
     *                            same composition, up to coalescing in the live screener)
     * @param originalVersions    model versions of the original predictions compared, with their lot counts
     * @param relativeLots        lots in the relative means (original total &gt; 0)
     * @param otherThreshold      compared lots whose original prediction used another threshold (ppm mol)
     */
    public record Result(int lotsRescored, int lotsCompared, int sameReadingCount, Map<String, Integer> originalVersions,
                         double meanAbsChangePpmMol, double meanChangePpmMol, int relativeLots,
                         double meanAbsRelativeChangePct, double meanRelativeChangePct, double alertProbability,
                         int highBefore, int highAfter, int becameHigh, int noLongerHigh, int otherThreshold) {

        public int lotsWithoutOriginal() {
            return lotsRescored - lotsCompared;
        }
    }

    private record Seen(String version, double total, double probHigh, int readingCount, double threshold) {
        static Seen of(ReePrediction p) {
            double total = Double.NaN;
            for (ReeEstimate e : p.getOutputs()) {
                if (e.getTarget() == ReeTarget.TOTAL_REE) {
                    total = e.getMeanPpmMol();
                }
            }
            return new Seen(p.getModelVersion(), total, p.getProbTotalAtOrAboveThreshold(), p.getReadingCount(),
                    p.getThresholdTotalReePpmMol());
        }
    }

    private final Map<String, Seen> rescored = new HashMap<>();
    private final Map<String, Seen> original = new HashMap<>();

    /** A rescored prediction; a later one of the same lot replaces it. */
    public void rescored(ReePrediction p) {
        rescored.put(p.getLotId(), Seen.of(p));
    }

    /** An original prediction, in topic order; a later one of the same lot replaces it. */
    public void original(ReePrediction p) {
        original.put(p.getLotId(), Seen.of(p));
    }

    public int lots() {
        return rescored.size();
    }

    public Result result(double alertProbability) {
        int compared = 0;
        int same = 0;
        int relative = 0;
        int otherThreshold = 0;
        double abs = 0;
        double signed = 0;
        double absRel = 0;
        double rel = 0;
        int highBefore = 0;
        int highAfter = 0;
        int became = 0;
        int noLonger = 0;
        Map<String, Integer> versions = new TreeMap<>();
        for (Map.Entry<String, Seen> e : rescored.entrySet()) {
            Seen before = original.get(e.getKey());
            Seen after = e.getValue();
            if (before == null || !Double.isFinite(before.total()) || !Double.isFinite(after.total())) {
                continue;
            }
            compared++;
            versions.merge(before.version(), 1, Integer::sum);
            same += before.readingCount() == after.readingCount() ? 1 : 0;
            otherThreshold += Math.abs(before.threshold() - after.threshold()) > 1e-9 ? 1 : 0;
            double change = after.total() - before.total();
            abs += Math.abs(change);
            signed += change;
            if (before.total() > 0) {
                relative++;
                absRel += Math.abs(change) / before.total();
                rel += change / before.total();
            }
            boolean wasHigh = before.probHigh() >= alertProbability;
            boolean isHigh = after.probHigh() >= alertProbability;
            highBefore += wasHigh ? 1 : 0;
            highAfter += isHigh ? 1 : 0;
            became += !wasHigh && isHigh ? 1 : 0;
            noLonger += wasHigh && !isHigh ? 1 : 0;
        }
        return new Result(rescored.size(), compared, same, versions, compared == 0 ? Double.NaN : abs / compared,
                compared == 0 ? Double.NaN : signed / compared, relative,
                relative == 0 ? Double.NaN : 100 * absRel / relative, relative == 0 ? Double.NaN : 100 * rel / relative,
                alertProbability, highBefore, highAfter, became, noLonger, otherThreshold);
    }
}
