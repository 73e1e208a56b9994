package io.reescreen.retrainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.transfer.TransferSettings;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChampionChallengerGateTest {

    private static final RetrainingSettings FAST = new RetrainingSettings(200,
            TransferSettings.defaults().withResidualFolds(0),
            TrainingRecipe.paper().withMembers(3).withSettings(TrainingSettings.paper().withEpochs(20)), 3, 0.05, 10, 5L);

    private static ModelArtifact champion;

    @BeforeAll
    static void trainTheChampionOnSyntheticRows() {
        Dataset reference = new SyntheticAshGenerator(SyntheticSpec.withSeed(1)).generate(150);
        try (ScreeningModel model = EnsembleFitting.fit(reference, TrainingRecipe.paper().withMembers(3)
                .withSettings(TrainingSettings.paper().withEpochs(60)), EnsembleTrainer.Progress.NONE)) {
            champion = ModelArtifact.of(model, Map.of("data", "synthetic"), Map.of());
        }
    }

    @Test
    void aChallengerThatLearnsTheSitesOffsetIsAccepted() {
        // The site's lab values run 80 % above what the champion learned: a transfer can learn that, the champion not.
        Dataset site = scaled(new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(30), 1.8);
        GateDecision d = new ChampionChallengerGate(FAST).judge(champion, site);
        assertTrue(d.accepted(), d.reason());
        assertTrue(d.challengerMaeOverMeanPct() < 0.95 * d.championMaeOverMeanPct(), d.reason());
        assertEquals("transfer", d.method(), "30 examples are below the full-retraining size");
        assertEquals(3, d.repetitions());
        assertTrue(d.heldOutRows() >= 3 * 7, "a quarter of 30 rows, three times: " + d.heldOutRows());
        assertEquals(d.championMaeOverMeanPct(), d.metrics().get("gate_champion_mae_over_mean_total_ree_pct"));
    }

    @Test
    void aChallengerFittedToNoiseAroundTheChampionIsRejected() {
        // Labels are the champion's own predictions times independent 30 % noise per lot: nothing to learn, so no
        // challenger can beat the champion by the margin on held-out rows.
        Dataset rows = new SyntheticAshGenerator(SyntheticSpec.withSeed(3)).generate(30);
        Dataset noisy;
        try (ScreeningModel model = champion.load()) {
            double[][] predicted = model.pointPredictions(rows.inputsMolPct(model.features()));
            SplittableRandom random = new SplittableRandom(9);
            List<LabelledSample> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                double factor = Math.exp(0.3 * gaussian(random) - 0.045);
                double[] oxides = Arrays.copyOfRange(predicted[i], 1, 1 + ReeOxide.COUNT);
                for (int j = 0; j < oxides.length; j++) {
                    oxides[j] = Math.max(0, oxides[j] * factor);
                }
                LabelledSample s = rows.get(i);
                out.add(new LabelledSample(s.sampleId(), s.oxides(), ReeTargetsPpmMol.summing(ReeOxidePpmMol.ofPaperOrder(oxides)),
                        s.origin()));
            }
            noisy = new Dataset("noise around the champion", List.of(), out);
        }
        GateDecision d = new ChampionChallengerGate(FAST).judge(champion, noisy);
        assertFalse(d.accepted(), d.reason());
        assertTrue(d.reason().contains("rejected"), d.reason());
    }

    @Test
    void tooFewExamplesMakeNoChallenger() {
        Dataset few = new SyntheticAshGenerator(SyntheticSpec.withSeed(4)).generate(6);
        GateDecision d = new ChampionChallengerGate(FAST).judge(champion, few);
        assertFalse(d.accepted());
        assertTrue(d.reason().contains("at least 10"), d.reason());
    }

    @Test
    void theGateScoresTheSameMeansAsThePublishedChallengerWithoutPayingForItsResidualFolds() {
        RetrainingSettings withResidual = new RetrainingSettings(200, TransferSettings.defaults().withResidualFolds(3),
                FAST.full(), 3, 0.05, 10, 5L);
        Dataset site = scaled(new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(20), 1.8);
        ChallengerTrainer trainer = new ChallengerTrainer(withResidual);
        try (Challenger published = trainer.train(champion, site, true);
             Challenger judged = trainer.trainForGate(champion, site, true)) {
            double[][] x = site.inputsMolPct(champion.features());
            assertTrue(Arrays.deepEquals(published.model().pointPredictions(x), judged.model().pointPredictions(x)),
                    "the residual only widens intervals");
        }
    }

    private static Dataset scaled(Dataset data, double factor) {
        List<LabelledSample> out = new ArrayList<>();
        for (LabelledSample s : data.samples()) {
            double[] oxides = s.targets().oxides().toArrayPpmMol();
            for (int j = 0; j < oxides.length; j++) {
                oxides[j] *= factor;
            }
            out.add(new LabelledSample(s.sampleId(), s.oxides(), ReeTargetsPpmMol.summing(ReeOxidePpmMol.ofPaperOrder(oxides)),
                    s.origin()));
        }
        return new Dataset(data.name() + " x" + factor, List.of(), out);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
