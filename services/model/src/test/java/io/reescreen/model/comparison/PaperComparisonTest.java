package io.reescreen.model.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.evaluation.LinearRegressionBaseline;
import io.reescreen.model.evaluation.RegressionMetrics;
import io.reescreen.model.evaluation.ScreeningMetrics;
import io.reescreen.model.split.DatasetSplit;
import io.reescreen.model.split.SplitSpec;
import io.reescreen.model.split.StratifiedSplitter;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.units.FeatureSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaperComparisonTest {

    private static final TrainingSettings FAST = new TrainingSettings(20, 16, 5e-3f, 1e-2f, 0.03, 42L);
    private static final ComparisonSettings SETTINGS = new ComparisonSettings(2,
            new TrainingRecipe(FeatureSet.PAPER_SIX, 2, FAST), 157.0, List.of(0.02, 0.04), 10, 3L);

    private static Dataset data;
    private static ComparisonTable table;
    private static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void runTwoRepetitions() {
        data = new SyntheticAshGenerator(SyntheticSpec.withSeed(8)).generate(40);
        table = new PaperComparison(SETTINGS).run(data, (done, of) -> progress.add(done + "/" + of));
    }

    @Test
    void everyContenderHasOneScorePerRepetition() {
        assertEquals(List.of("1/2", "2/2"), progress);
        for (Contender c : Contender.values()) {
            List<RepetitionScores> scores = table.scores(c);
            assertEquals(2, scores.size(), c.toString());
            assertEquals(2, table.values(c, RepetitionScores::r2).length);
            for (RepetitionScores s : scores) {
                assertEquals(8, s.screening().total(), "ceil(20 % of 40) test rows");
                assertEquals(2, s.noiseSensitivityPct().size());
                for (double v : s.noiseSensitivityPct()) {
                    assertTrue(v > 0 && Double.isFinite(v), c + " noise sensitivity " + v);
                }
                assertTrue(Double.isFinite(s.r2()) && Double.isFinite(s.mapePct()), s.toString());
            }
        }
        assertThrows(UnsupportedOperationException.class, () -> table.scores(Contender.LINEAR).clear());
    }

    @Test
    void linearSensitivityAtFourPercentIsExactlyTwiceThatAtTwo() {
        // Same random draws per level and a linear model: f(x(1 + 2 l g)) - f(x) = 2 (f(x(1 + l g)) - f(x)).
        for (RepetitionScores s : table.scores(Contender.LINEAR)) {
            double ratio = s.noiseSensitivityPct().get(1) / s.noiseSensitivityPct().get(0);
            assertEquals(2.0, ratio, 1e-6, s.noiseSensitivityPct().toString());
        }
    }

    @Test
    void linearRowIsOrdinaryLeastSquaresOnEachRepetitionsOwnSplit() {
        StratifiedSplitter splitter = new StratifiedSplitter(SplitSpec.paper());
        for (int r = 0; r < SETTINGS.repetitions(); r++) {
            DatasetSplit split = splitter.split(data, SETTINGS.seed() + r);
            List<LabelledSample> rows = new ArrayList<>(split.train().samples());
            rows.addAll(split.validation().samples());
            Dataset train = new Dataset("train", List.of(), rows);
            double[][] totals = Arrays.stream(train.totalReePpmMol()).mapToObj(v -> new double[] {v}).toArray(double[][]::new);
            LinearRegressionBaseline linear = LinearRegressionBaseline.fit(train.inputsMolPct(FeatureSet.PAPER_SIX), totals);
            double[] predicted = Arrays.stream(linear.predict(split.test().inputsMolPct(FeatureSet.PAPER_SIX)))
                    .mapToDouble(p -> p[0]).toArray();
            double[] truth = split.test().totalReePpmMol();
            RepetitionScores s = table.scores(Contender.LINEAR).get(r);
            assertEquals(RegressionMetrics.r2(truth, predicted), s.r2(), 1e-12, "repetition " + r);
            assertEquals(RegressionMetrics.mapePct(truth, predicted), s.mapePct(), 1e-12);
            assertEquals(RegressionMetrics.maeOverMeanPct(truth, predicted), s.maeOverMeanPct(), 1e-12);
            assertEquals(ScreeningMetrics.at(truth, predicted, 157.0), s.screening());
        }
        assertNotEquals(table.scores(Contender.LINEAR).get(0), table.scores(Contender.LINEAR).get(1),
                "each repetition has its own split");
    }

    @Test
    void aRepetitionDependsOnlyOnItsSeed() {
        // A one-repetition run repeats the first repetition exactly, networks included.
        ComparisonTable once = new PaperComparison(SETTINGS.withRepetitions(1)).run(data, PaperComparison.Listener.NONE);
        for (Contender c : Contender.values()) {
            assertEquals(1, once.scores(c).size());
            assertEquals(table.scores(c).get(0), once.scores(c).get(0), c.toString());
        }
    }

    @Test
    void formatHasTheHeaderAndOneRowPerContender() {
        String text = table.format();
        assertTrue(text.startsWith("Total REE on the test rows: 2 stratified repetitions, 32 train / 8 test rows, "
                + "screening at 157 ppm mol, ensemble of 2, 20 epochs."), text);
        List<String> lines = text.lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(2 + Contender.values().length, lines.size(), text);
        assertEquals("| model | R² | MAPE % | MAE/mean % (authors' \"MAPE\") | IoU % | precision % | recall % "
                + "| change at 2 % noise, % | change at 4 % noise, % |", lines.get(0));
        assertEquals("|---|---|---|---|---|---|---|---|---|", lines.get(1));
        List<String> labels = List.of("linear regression", "single-task NN", "multi-task NN, mean-weighted",
                "multi-task ensemble of 2");
        for (int i = 0; i < labels.size(); i++) {
            String row = lines.get(2 + i);
            assertTrue(row.startsWith("| " + labels.get(i) + " |"), row);
            assertEquals(9, row.split(" \\| ").length, "one cell per header column: " + row);
        }
    }

    @Test
    void settingsAreValidated() {
        TrainingRecipe recipe = SETTINGS.ensemble();
        List<Double> levels = List.of(0.02);
        assertThrows(IllegalArgumentException.class, () -> new ComparisonSettings(0, recipe, 157, levels, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonSettings(1, recipe, 157, levels, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonSettings(1, recipe, 0, levels, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonSettings(1, recipe, Double.NaN, levels, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonSettings(1, recipe, 157, List.of(0.0), 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonSettings(1, recipe, 157, List.of(-0.02), 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonSettings(1, recipe, 157, List.of(Double.NaN), 10, 0));

        List<Double> mutable = new ArrayList<>(List.of(0.02, 0.04));
        ComparisonSettings s = new ComparisonSettings(1, recipe, 157, mutable, 10, 0);
        mutable.add(0.08);
        assertEquals(List.of(0.02, 0.04), s.noiseLevels(), "the levels are copied");

        ComparisonSettings paper = ComparisonSettings.paper();
        assertEquals(30, paper.repetitions());
        assertEquals(157.0, paper.thresholdPpmMol());
        assertEquals(List.of(0.02, 0.04), paper.noiseLevels());
        assertEquals(TrainingRecipe.paper(), paper.ensemble());
        assertEquals(recipe, paper.withEnsemble(recipe).ensemble());
        assertEquals(paper.noiseDraws(), paper.withRepetitions(3).noiseDraws());
    }
}
