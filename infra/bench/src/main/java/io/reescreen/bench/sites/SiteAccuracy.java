package io.reescreen.bench.sites;

import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import java.util.List;
import java.util.Map;

/**
 * How a model's total-REE predictions on a site's lots meet the lab's values.
 *
 * @param lots            lots scored
 * @param maeOverMeanPct  sum |predicted − lab| / sum lab × 100, percent
 * @param coverage90Pct   share of lab values inside the prediction's 5–95 % interval (bounds included), percent
 * @param meanWidthPct    mean of (p95 − p05) / predicted mean × 100: the interval's width, percent of the prediction
 * @param absErrorPpmMol  |predicted − lab| per lot, ppm mol, in the order of the lots given
 * @param labPpmMol       the lab's total REE per lot, ppm mol, same order
 */
public record SiteAccuracy(int lots, double maeOverMeanPct, double coverage90Pct, double meanWidthPct,
                           double[] absErrorPpmMol, double[] labPpmMol) {

    /**
     * @param lotIds      the site's lots, in a fixed order
     * @param predictions a prediction for every one of them
     * @param labPpmMol   the lab's total REE per lot id, ppm mol
     */
    public static SiteAccuracy of(List<String> lotIds, Map<String, ReePrediction> predictions, Map<String, Double> labPpmMol) {
        int n = lotIds.size();
        double[] err = new double[n];
        double[] lab = new double[n];
        double errSum = 0;
        double labSum = 0;
        int inside = 0;
        double width = 0;
        for (int i = 0; i < n; i++) {
            ReePrediction p = predictions.get(lotIds.get(i));
            if (p == null) {
                throw new IllegalArgumentException("no prediction for lot " + lotIds.get(i));
            }
            ReeEstimate total = total(p);
            lab[i] = labPpmMol.get(lotIds.get(i));
            err[i] = Math.abs(total.getMeanPpmMol() - lab[i]);
            errSum += err[i];
            labSum += lab[i];
            inside += lab[i] >= total.getP05PpmMol() && lab[i] <= total.getP95PpmMol() ? 1 : 0;
            width += (total.getP95PpmMol() - total.getP05PpmMol()) / total.getMeanPpmMol();
        }
        return new SiteAccuracy(n, 100 * errSum / labSum, 100.0 * inside / n, 100 * width / n, err, lab);
    }

    static ReeEstimate total(ReePrediction p) {
        return p.getOutputs().stream().filter(e -> e.getTarget() == ReeTarget.TOTAL_REE).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("prediction of " + p.getLotId() + " without TOTAL_REE"));
    }

    /**
     * The paired change of MAE/mean from {@code before} to this, on the same lots: the rise in percentage points and
     * its standard error (from the spread of the per-lot differences of absolute error), so a rise can be told from
     * the noise of a few lots.
     */
    public PairedChange changeFrom(SiteAccuracy before) {
        if (before.lots != lots) {
            throw new IllegalArgumentException("not the same lots: " + before.lots + " and " + lots);
        }
        double labSum = 0;
        double[] d = new double[lots];
        double mean = 0;
        for (int i = 0; i < lots; i++) {
            if (before.labPpmMol[i] != labPpmMol[i]) {
                throw new IllegalArgumentException("not the same lots: lab values differ at " + i);
            }
            labSum += labPpmMol[i];
            d[i] = absErrorPpmMol[i] - before.absErrorPpmMol[i];
            mean += d[i] / lots;
        }
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        double sd = lots > 1 ? Math.sqrt(ss / (lots - 1)) : Double.NaN;
        // MAE/mean = mean(err) / mean(lab): the rise and its standard error scale by the same 1 / mean(lab).
        double meanLab = labSum / lots;
        return new PairedChange(100 * mean / meanLab, 100 * sd / Math.sqrt(lots) / meanLab);
    }

    /**
     * @param risePct           MAE/mean after − before, percentage points (negative: the error fell)
     * @param standardErrorPct  its standard error, percentage points
     */
    public record PairedChange(double risePct, double standardErrorPct) {
    }
}
