package io.reescreen.model.comparison;

import io.reescreen.model.evaluation.Summary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Every contender's scores over the repetitions, and the paper-style table of their mean ± std. */
public final class ComparisonTable {

    private final ComparisonSettings settings;
    private final int trainRows;
    private final int testRows;
    private final Map<Contender, List<RepetitionScores>> scores;

    ComparisonTable(ComparisonSettings settings, int trainRows, int testRows, Map<Contender, List<RepetitionScores>> scores) {
        this.settings = settings;
        this.trainRows = trainRows;
        this.testRows = testRows;
        Map<Contender, List<RepetitionScores>> copy = new EnumMap<>(Contender.class);
        scores.forEach((c, list) -> copy.put(c, List.copyOf(list)));
        this.scores = Collections.unmodifiableMap(copy);
    }

    public ComparisonSettings settings() {
        return settings;
    }

    public List<RepetitionScores> scores(Contender contender) {
        return scores.getOrDefault(contender, List.of());
    }

    /** One statistic of one contender, one value per repetition (NaN where undefined, e.g. precision with no positive). */
    public double[] values(Contender contender, ToDoubleFunction<RepetitionScores> statistic) {
        return scores(contender).stream().mapToDouble(statistic).toArray();
    }

    /** Markdown: one row per contender, mean ± std over the repetitions (NaN repetitions left out, counted). */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Total REE on the test rows: %d stratified repetitions, %d train / %d test rows, "
                        + "screening at %.0f ppm mol, ensemble of %d, %d epochs.%n%n", settings.repetitions(), trainRows,
                testRows, settings.thresholdPpmMol(), settings.ensemble().members(), settings.ensemble().settings().epochs()));
        List<String> header = new ArrayList<>(List.of("model", "R²", "MAPE %", "MAE/mean % (authors' \"MAPE\")",
                "IoU %", "precision %", "recall %"));
        for (double level : settings.noiseLevels()) {
            header.add(String.format(Locale.ROOT, "change at %.0f %% noise, %%", level * 100));
        }
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append('\n');
        for (Contender c : Contender.values()) {
            if (scores(c).isEmpty()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            cells.add(c == Contender.MULTI_TASK_ENSEMBLE ? c.label() + " of " + settings.ensemble().members() : c.label());
            cells.add(cell(values(c, RepetitionScores::r2), 1, 3));
            cells.add(cell(values(c, RepetitionScores::mapePct), 1, 1));
            cells.add(cell(values(c, RepetitionScores::maeOverMeanPct), 1, 1));
            cells.add(cell(values(c, s -> s.screening().iou()), 100, 1));
            cells.add(cell(values(c, s -> s.screening().precision()), 100, 1));
            cells.add(cell(values(c, s -> s.screening().recall()), 100, 1));
            for (int i = 0; i < settings.noiseLevels().size(); i++) {
                int level = i;
                cells.add(cell(values(c, s -> s.noiseSensitivityPct().get(level)), 1, 2));
            }
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(double[] values, double scale, int decimals) {
        double[] defined = java.util.Arrays.stream(values).filter(Double::isFinite).map(v -> v * scale).toArray();
        if (defined.length == 0) {
            return "n/a";
        }
        String pattern = "%." + decimals + "f ± %." + decimals + "f";
        String text = String.format(Locale.ROOT, pattern, Summary.mean(defined),
                defined.length > 1 ? Summary.std(defined) : 0.0);
        return defined.length < values.length ? text + " (" + defined.length + " of " + values.length + ")" : text;
    }
}
