package io.reescreen.screener.rescore;

import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.OxideMolPct;
import io.reescreen.screener.enrich.SchemaEnums;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.state.BinaryStateSerde;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleUnaryOperator;

/**
 * A lot.compositions record back as the {@link LotAggregate} the live screener scored when it wrote it, so that
 * {@link io.reescreen.screener.predict.LotScorer} sees the same inputs: the same mean mol % of the ten oxides, the same
 * input noise (max of the standard error and the spread over sqrt(n)), the same reading count and by-difference
 * oxides. The record carries exactly those figures; the aggregate's running sums are rebuilt from them (weights
 * from the standard errors, M2 from the spread) in the aggregate's own store format ({@link LotAggregate#SERDE},
 * format 1), so nothing here needs the aggregate's internals, and solved to the last bit, because the model seeds a
 * lot's Monte-Carlo draws from its exact inputs. Oxides below detection are not on the record; the scorer does not
 * use them.
 */
public final class CompositionLots {

    private static final int FORMAT_VERSION = 1;
    /** A standard error of 0 would be an infinite weight; the live aggregate never has one (sigmas are floored). */
    private static final double MIN_STANDARD_ERROR = 1e-9;

    private CompositionLots() {
    }

    /**
     * @param features the inputs of the model that will score it: their means come out bit for bit as the screener's
     *                 (the model seeds a lot's Monte-Carlo draws from its exact inputs, so an ulp would change them)
     * @throws IllegalArgumentException when the record is not a composition the screener could have written
     */
    public static LotAggregate toAggregate(LotComposition c, FeatureSet features) {
        if (c.getLotId() == null || c.getLotId().isBlank()) {
            throw new IllegalArgumentException("no lotId");
        }
        if (c.getShotCount() < 1) {
            throw new IllegalArgumentException("shotCount " + c.getShotCount() + "; a composition has at least one reading");
        }
        int n = MajorOxide.COUNT;
        double[] mean = new double[n];
        double[] spread = new double[n];
        double[] se = new double[n];
        boolean[] byDifference = new boolean[n];
        boolean[] seen = new boolean[n];
        for (OxideMolPct o : c.getOxides()) {
            int i = SchemaEnums.oxide(o.getOxide()).ordinal();
            if (seen[i]) {
                throw new IllegalArgumentException(o.getOxide() + " appears twice");
            }
            seen[i] = true;
            mean[i] = o.getMeanMolPct();
            spread[i] = o.getSpreadMolPct();
            se[i] = o.getStandardErrorMolPct();
            byDifference[i] = o.getByDifference();
            if (!(mean[i] >= 0) || !Double.isFinite(mean[i]) || !(spread[i] >= 0) || !Double.isFinite(spread[i])
                    || !(se[i] >= 0) || !Double.isFinite(se[i])) {
                throw new IllegalArgumentException(o.getOxide() + " has mean " + mean[i] + ", spread " + spread[i]
                        + ", standard error " + se[i] + " mol %");
            }
        }
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException(MajorOxide.values()[i].formula() + " is missing; all ten major oxides are needed");
            }
        }
        if (!(sum(mean) > 0)) {
            throw new IllegalArgumentException("the ten oxides sum to " + sum(mean) + " mol %");
        }
        double[] raw = summingTo100(mean, features);
        double total = sum(raw);
        int shots = c.getShotCount();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeUTF(c.getLotId());
            BinaryStateSerde.writeNullableUtf(out, c.getSiteId());
            BinaryStateSerde.writeNullableUtf(out, c.getAshOrigin() == null ? null : c.getAshOrigin().name());
            out.writeInt(shots);
            out.writeInt(c.getAnalyzerIds().size());
            for (CharSequence id : c.getAnalyzerIds()) {
                out.writeUTF(id.toString());
            }
            out.writeLong(c.getFirstSampledAt().toEpochMilli());
            out.writeLong(c.getLastSampledAt().toEpochMilli());
            BinaryStateSerde.writeNullableUtf(out, c.getLastReadingId());
            out.writeLong(c.getUpdatedAt().toEpochMilli());
            for (int i = 0; i < n; i++) {
                // The aggregate computes mean = (wx / w) * 100 / sum, standard error = sqrt(1 / w) * 100 / sum (sum of
                // the ten wx / w) and spread = sqrt(M2 / (n - 1)): solve each for the record's figure, to the bit.
                double target = Math.max(se[i], MIN_STANDARD_ERROR);
                double[] weights = weights(raw[i], solve(x -> Math.sqrt(1.0 / x) * 100.0 / total, target,
                        Math.pow(100.0 / (total * target), 2), false));
                double w = weights[0];
                double wx = weights[1];
                double m = raw[i];
                double m2 = shots < 2 ? 0 : solve(x -> Math.sqrt(x / (shots - 1)), spread[i],
                        spread[i] * spread[i] * (shots - 1), true);
                out.writeDouble(w);
                out.writeDouble(wx);
                out.writeDouble(m);
                out.writeDouble(m2);
                out.writeInt(byDifference[i] ? 1 : 0);
                out.writeInt(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LotAggregate.SERDE.fromBytes(bytes.toByteArray());
    }

    /**
     * {w, wx} with wx / w exactly {@code mean}: w as close to {@code w0} (the standard error's weight) as allows it;
     * not every w has an exact wx, and the mean matters to the bit where the standard error only moves the noise.
     */
    private static double[] weights(double mean, double w0) {
        double below = w0;
        double above = w0;
        for (int k = 0; k < 4096; k++) {
            for (double w : k == 0 ? new double[] {w0} : new double[] {above = Math.nextUp(above),
                    below = Math.nextDown(below)}) {
                double wx = solve(x -> x / w, mean, w * mean, true);
                if (wx / w == mean) {
                    return new double[] {w, wx};
                }
            }
        }
        return new double[] {w0, w0 * mean};
    }

    /**
     * The means, with one oxide that is not a model input moved by a few ulps (about 1e-14 mol %) so that the ten sum,
     * in the aggregate's order, to exactly 100: the aggregate's renormalisation then leaves every mean as it is. The
     * last such oxide in that order is tried first (the final rounding is then all that is left to hit).
     */
    static double[] summingTo100(double[] mean, FeatureSet features) {
        if (sum(mean) == 100.0) {
            return mean.clone();
        }
        for (int a = mean.length - 1; a >= 0; a--) {
            if (features.oxides().contains(MajorOxide.values()[a]) || !(mean[a] > 1e-6)) {
                continue;
            }
            double[] raw = mean.clone();
            int adjust = a;
            raw[a] = solve(v -> {
                double[] r = raw.clone();
                r[adjust] = v;
                return sum(r);
            }, 100.0, raw[a] + (100.0 - sum(raw)), true);
            if (sum(raw) == 100.0) {
                return raw;
            }
        }
        return mean.clone();
    }

    /** The aggregate's sum: in oxide order. */
    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    /**
     * An x near {@code start} with f(x) == target exactly, stepping an ulp at a time (f monotone, increasing or not);
     * the closest found when no x gives it exactly.
     */
    static double solve(DoubleUnaryOperator f, double target, double start, boolean increasing) {
        double x = start;
        double best = start;
        double bestError = Double.POSITIVE_INFINITY;
        int lastDirection = 0;
        for (int step = 0; step < 256 && Double.isFinite(x); step++) {
            double y = f.applyAsDouble(x);
            double error = Math.abs(y - target);
            if (error < bestError) {
                best = x;
                bestError = error;
            }
            if (y == target) {
                return x;
            }
            int direction = (y < target) == increasing ? 1 : -1;
            if (lastDirection != 0 && direction != lastDirection) {
                break; // stepped over it: no x gives the target exactly
            }
            lastDirection = direction;
            x = direction > 0 ? Math.nextUp(x) : Math.nextDown(x);
        }
        return best;
    }
}
