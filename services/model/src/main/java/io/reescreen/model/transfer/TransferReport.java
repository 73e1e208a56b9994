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
        double inside = 0;
        int rows = 0;
        for (SplitOutcome o : repeated()) {
            inside += o.transferred().coverage90() * o.transferred().rows();
            rows += o.transferred().rows();
        }
        return rows == 0 ? Double.NaN : inside / rows;
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
        out.append(String.format(Locale.ROOT, "| 90 %% interval coverage, pooled | %.1f %% | %.1f %% of %d |%n",
                100 * pooledZeroShotCoverage(), 100 * pooledCoverage90(), pooledTestRows()));
        double[] seconds = repeated().stream().mapToDouble(SplitOutcome::transferSeconds).toArray();
        if (seconds.length > 0) {
            out.append(String.format(Locale.ROOT, "| transfer time, median | | %.2f s |%n", Summary.median(seconds)));
        }
        paperSplit().ifPresent(p -> out.append(String.format(Locale.ROOT,
                "%nThe paper's own split: zero-shot R² %.3f, MAPE %.1f %%; transferred R² %.3f, MAPE %.1f %%, coverage %.0f %%.%n",
                p.zeroShot().r2(), p.zeroShot().mapePct(), p.transferred().r2(), p.transferred().mapePct(),
                100 * p.transferred().coverage90())));
        return out.toString();
    }

    private double pooledZeroShotCoverage() {
        double inside = 0;
        int rows = 0;
        for (SplitOutcome o : repeated()) {
            inside += o.zeroShot().coverage90() * o.zeroShot().rows();
            rows += o.zeroShot().rows();
        }
        return rows == 0 ? Double.NaN : inside / rows;
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
