package io.reescreen.model.transfer;

import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.evaluation.Summary;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The transfer protocol's result over fixed splits: per split, and summarised over the repeated splits with
 * the mean, the spread and the median (one extreme lot can dominate R² on six test rows). A split whose id is
 * {@value #PAPER_SPLIT_ID} is the paper's own and is reported apart, not averaged in.
 */
public record TransferReport(List<SplitOutcome> outcomes, TransferSettings settings) {

    public static final String PAPER_SPLIT_ID = "paper";

    public TransferReport {
        outcomes = List.copyOf(outcomes);
    }

    /** The repeated random splits, without the paper's own. */
    public List<SplitOutcome> repeated() {
        return outcomes.stream().filter(o -> !o.split().id().equals(PAPER_SPLIT_ID)).toList();
    }

    public Optional<SplitOutcome> paperSplit() {
        return outcomes.stream().filter(o -> o.split().id().equals(PAPER_SPLIT_ID)).findFirst();
    }

    public double[] transferred(ToDoubleFunction<HoldOutScores> statistic) {
        return repeated().stream().mapToDouble(o -> statistic.applyAsDouble(o.transferred())).toArray();
    }

    public double[] zeroShot(ToDoubleFunction<HoldOutScores> statistic) {
        return repeated().stream().mapToDouble(o -> statistic.applyAsDouble(o.zeroShot())).toArray();
    }

    /** Share of all test predictions, pooled over the repeated splits, inside their 90 % interval. */
    public double pooledCoverage90() {
        return pooled(SplitOutcome::transferred, HoldOutScores::coverage90);
    }

    /** Mean width of those intervals, % of the prediction, pooled over the repeated splits' test rows. */
    public double pooledMeanWidth90Pct() {
        return pooled(SplitOutcome::transferred, HoldOutScores::meanWidth90Pct);
    }

    public double pooledZeroShotCoverage90() {
        return pooled(SplitOutcome::zeroShot, HoldOutScores::coverage90);
    }

    public double pooledZeroShotMeanWidth90Pct() {
        return pooled(SplitOutcome::zeroShot, HoldOutScores::meanWidth90Pct);
    }

    /** A per-row mean over the repeated splits, each split weighted by its test rows. */
    private double pooled(java.util.function.Function<SplitOutcome, HoldOutScores> side, ToDoubleFunction<HoldOutScores> perRowMean) {
        double sum = 0;
        int rows = 0;
        for (SplitOutcome o : repeated()) {
            HoldOutScores s = side.apply(o);
            sum += perRowMean.applyAsDouble(s) * s.rows();
            rows += s.rows();
        }
        return rows == 0 ? Double.NaN : sum / rows;
    }

    public int pooledTestRows() {
        return repeated().stream().mapToInt(o -> o.transferred().rows()).sum();
    }

    /** Markdown summary: zero-shot vs transferred, then the paper's split. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Transfer over %d fixed splits (%s): %d epochs, lr %.0e, L2-SP %.0e, "
                        + "input noise %.0f %%.%n%n", repeated().size(), "test rows never seen in training",
                settings.epochs(), settings.learningRate(), settings.anchorStrength(), settings.inputNoiseRelative() * 100));
        out.append("| total REE, test rows | zero-shot (base model) | transferred |\n|---|---|---|\n");
        row(out, "MAPE %, mean ± std", HoldOutScores::mapePct, 1, true);
        row(out, "MAE/mean % (authors' \"MAPE\"), mean ± std", HoldOutScores::maeOverMeanPct, 1, true);
        row(out, "R², mean ± std", HoldOutScores::r2, 3, true);
        row(out, "R², median", HoldOutScores::r2, 3, false);
        out.append(String.format(Locale.ROOT, "| 90 %% interval coverage, pooled (mean width, %% of the prediction) "
                        + "| %.1f %% (width %.0f %%) | %.1f %% of %d (width %.0f %%) |%n", 100 * pooledZeroShotCoverage90(),
                pooledZeroShotMeanWidth90Pct(), 100 * pooledCoverage90(), pooledTestRows(), pooledMeanWidth90Pct()));
        double[] seconds = repeated().stream().mapToDouble(SplitOutcome::transferSeconds).toArray();
        if (seconds.length > 0) {
            out.append(String.format(Locale.ROOT, "| transfer time, median | | %.2f s |%n", Summary.median(seconds)));
        }
        paperSplit().ifPresent(p -> out.append(String.format(Locale.ROOT,
                "%nThe paper's own split: zero-shot R² %.3f, MAPE %.1f %%; transferred R² %.3f, MAPE %.1f %%, coverage %.0f %% "
                        + "(mean width %.0f %% of the prediction).%n",
                p.zeroShot().r2(), p.zeroShot().mapePct(), p.transferred().r2(), p.transferred().mapePct(),
                100 * p.transferred().coverage90(), p.transferred().meanWidth90Pct())));
        return out.toString();
    }

    private void row(StringBuilder out, String label, ToDoubleFunction<HoldOutScores> statistic, int decimals, boolean meanStd) {
        out.append("| ").append(label).append(" | ").append(cell(zeroShot(statistic), decimals, meanStd))
                .append(" | ").append(cell(transferred(statistic), decimals, meanStd)).append(" |\n");
    }

    private static String cell(double[] values, int decimals, boolean meanStd) {
        double[] defined = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        if (defined.length == 0) {
            return "n/a";
        }
        String f = "%." + decimals + "f";
        return meanStd
                ? String.format(Locale.ROOT, f + " ± " + f, Summary.mean(defined), defined.length > 1 ? Summary.std(defined) : 0.0)
                : String.format(Locale.ROOT, f, Summary.median(defined));
    }
}
