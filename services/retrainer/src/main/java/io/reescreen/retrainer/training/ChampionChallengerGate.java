package io.reescreen.retrainer.training;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.predict.IntervalCalibration;
import io.reescreen.model.predict.ScreeningModel;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a challenger may replace the champion. The examples are split by the stratified rule (a quarter of
 * each site's examples held out, in strata of total REE: {@link SiteStratifiedSplit}), repeatedly; each time a
 * challenger is trained on the rest exactly as the real one will be (transfer or full), and both models predict the
 * held-out rows. The challenger passes when its pooled
 * MAE/mean of total REE is at most (1 - margin) times the champion's: same rows, same metric, so the comparison is
 * fair, and the margin keeps a model that is only as good from churning releases.
 */
public final class ChampionChallengerGate {

    private static final double TEST_FRACTION = 0.25;

    private final RetrainingSettings settings;
    private final ChallengerTrainer trainer;

    public ChampionChallengerGate(RetrainingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.trainer = new ChallengerTrainer(settings);
    }

    /** The challenger transferred from (or trained instead of) the champion itself: the base model's gate. */
    public GateDecision judge(ModelArtifact champion, Dataset examples) {
        return judge(champion, champion, examples, oneSite(examples), trainer.transfers(examples.size()),
                Optional.empty());
    }

    /**
     * A site's gate: the challenger is transferred from {@code startingPoint} (the base model: the paper's recipe) on
     * part of the site's examples and judged against the site's {@code champion} (the base until the site has its
     * own model) on the rest, so only that site's examples decide.
     */
    public GateDecision judgeTransfer(ModelArtifact startingPoint, ModelArtifact champion, Dataset examples) {
        return judge(startingPoint, champion, examples, oneSite(examples), true, Optional.empty());
    }

    /**
     * Full retraining's gate: a base trained from scratch on part of every site's examples against the base
     * {@code champion}, on held-out rows of every site (each site split in the same proportion). The rows each
     * repetition's challenger did not learn from also go to {@code heldOut}, so the published model's intervals are
     * calibrated on the same site-stratified hold-outs without training more models.
     *
     * @param siteOfRow each example's site, in row order
     */
    public GateDecision judgeFromScratch(ModelArtifact champion, Dataset examples, List<String> siteOfRow,
                                         IntervalCalibration heldOut) {
        return judge(champion, champion, examples, siteOfRow, false, Optional.of(heldOut));
    }

    private static List<String> oneSite(Dataset examples) {
        return Collections.nCopies(examples.size(), "");
    }

    private GateDecision judge(ModelArtifact startingPoint, ModelArtifact champion, Dataset examples,
                               List<String> siteOfRow, boolean transfer, Optional<IntervalCalibration> heldOut) {
        int n = examples.size();
        if (n < settings.minExamples()) {
            return new GateDecision(false, Double.NaN, Double.NaN, 0, 0, settings.gateMargin(), "none",
                    n + " examples; at least " + settings.minExamples() + " are needed to judge a challenger");
        }
        double championError = 0;
        double challengerError = 0;
        double truthSum = 0;
        int rows = 0;
        try (ScreeningModel championModel = champion.load()) {
            for (int r = 0; r < settings.gateRepetitions(); r++) {
                SiteStratifiedSplit split = SiteStratifiedSplit.of(examples, siteOfRow, TEST_FRACTION, settings.seed() + r);
                Dataset train = new Dataset(examples.name() + " [gate train " + r + "]", List.of(), split.train().samples());
                Dataset test = split.test();
                double[] truth = test.totalReePpmMol();
                double[] byChampion = totals(championModel, test);
                double[] byChallenger;
                try (Challenger challenger = trainer.trainForGate(startingPoint, train, transfer)) {
                    byChallenger = totals(challenger.model(), test);
                    if (test.size() > 0) {
                        heldOut.ifPresent(c -> c.add(challenger.model(), test.inputsMolPct(challenger.model().features()),
                                truth));
                    }
                }
                for (int i = 0; i < truth.length; i++) {
                    championError += Math.abs(byChampion[i] - truth[i]);
                    challengerError += Math.abs(byChallenger[i] - truth[i]);
                    truthSum += truth[i];
                }
                rows += truth.length;
            }
        }
        String method = transfer ? "transfer" : "full";
        if (rows == 0) {
            return new GateDecision(false, Double.NaN, Double.NaN, settings.gateRepetitions(), 0, settings.gateMargin(),
                    method, "no held-out rows: no site has two examples to hold one out");
        }
        double championPct = 100 * championError / truthSum;
        double challengerPct = 100 * challengerError / truthSum;
        double bar = (1 - settings.gateMargin()) * championPct;
        boolean accepted = challengerPct <= bar;
        long sites = siteOfRow.stream().distinct().count();
        String reason = String.format(Locale.ROOT, "%s challenger MAE/mean %.1f %% vs champion %.1f %% on %d held-out rows%s "
                        + "(%d repetitions); needed <= %.1f %% (margin %.0f %%): %s", method, challengerPct, championPct, rows,
                sites > 1 ? " of " + sites + " sites" : "", settings.gateRepetitions(), bar, 100 * settings.gateMargin(),
                accepted ? "accepted" : "rejected");
        return new GateDecision(accepted, championPct, challengerPct, settings.gateRepetitions(), rows,
                settings.gateMargin(), method, reason);
    }

    private static double[] totals(ScreeningModel model, Dataset rows) {
        double[][] predicted = model.pointPredictions(rows.inputsMolPct(model.features()));
        double[] out = new double[predicted.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predicted[i][0];
        }
        return out;
    }
}
