package io.reescreen.model.transfer;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The few-shot transfer protocol: for each fixed split of a site's labelled lots, transfer the base model on
 * the split's training rows and score it on its test rows, beside the base model's zero-shot scores on the
 * same rows. The base artifact is never changed.
 */
public final class TransferProtocol {

    /** Told after each split, for progress on long runs. */
    public interface Listener {
        void splitDone(SplitOutcome outcome, int done, int of);

        Listener NONE = (outcome, done, of) -> { };
    }

    private final TransferSettings settings;
    private final PredictionSettings prediction;

    public TransferProtocol(TransferSettings settings, PredictionSettings prediction) {
        this.settings = settings;
        this.prediction = prediction;
    }

    public TransferReport run(ModelArtifact base, Dataset site, List<SiteSplit> splits, Listener listener) {
        splits.forEach(s -> s.checkFits(site.size()));
        List<SplitOutcome> outcomes = new ArrayList<>();
        try (ScreeningModel baseModel = base.load()) {
            for (SiteSplit split : splits) {
                Dataset train = site.subset(site.name() + " [" + split.id() + " train]", split.trainRows());
                Dataset test = site.subset(site.name() + " [" + split.id() + " test]", split.testRows());
                HoldOutScores zeroShot = HoldOutScores.score(baseModel, test, prediction);
                long start = System.nanoTime();
                try (ScreeningModel transferred = SiteTransfer.transfer(base, train.inputsMolPct(base.features()),
                        train.targetsPpmMol(), settings, prediction, EnsembleTrainer.Progress.NONE)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    SplitOutcome outcome = new SplitOutcome(split, zeroShot,
                            HoldOutScores.score(transferred, test, prediction), seconds);
                    outcomes.add(outcome);
                    listener.splitDone(outcome, outcomes.size(), splits.size());
                }
            }
        }
        return new TransferReport(outcomes, settings);
    }
}
