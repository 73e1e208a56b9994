package io.reescreen.bench.retrainer;

import io.reescreen.bench.BenchData;
import io.reescreen.bench.Timings;
import io.reescreen.bench.retrainer.LabExamples.CompositionForm;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.evaluation.Summary;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.transfer.SiteSplit;
import io.reescreen.model.transfer.SplitOutcome;
import io.reescreen.model.transfer.TransferProtocol;
import io.reescreen.model.transfer.TransferReport;
import io.reescreen.model.transfer.TransferSettings;
import io.reescreen.retrainer.training.Challenger;
import io.reescreen.retrainer.training.ChallengerTrainer;
import io.reescreen.retrainer.training.ChampionChallengerGate;
import io.reescreen.retrainer.training.ExampleDataset;
import io.reescreen.retrainer.training.GateDecision;
import io.reescreen.retrainer.training.RetrainingSettings;
import io.reescreen.schemas.TrainingExample;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Section (a): the transfer protocol of the model benchmark (same champion, same fixed splits, same scores), with
 * each split's six training lots sent through the retrainer's code path instead of the model library's: a
 * {@code lot.compositions} and an ICP-MS {@code lab.results} record per lot, the retrainer's unit conversion into a
 * {@code training.examples} record ({@link LabExamples}), {@link ExampleDataset#of}, and {@link ChallengerTrainer}
 * (transfer, as below {@code fullRetrainMinExamples}). Then what the champion/challenger gate decides on those six
 * examples, and how long each step takes.
 */
public final class TransferThroughRetrainer implements RetrainerBenchmark.Section {

    static final String HEADING = "## (a) Transfer to the Polish ashes through the retrainer's code path";

    /** RetrainingSettings' floor for minExamples: the smallest set the retrainer can be told to train on. */
    public static final int FEW_LOTS_MIN_EXAMPLES = 5;

    /** One run of the retrainer path over the splits. */
    private record PathRun(TransferReport report, List<Dataset> trainingSets, double[] conversionSeconds,
                           double[] trainingSeconds) {
    }

    /** One split through the retrainer path. */
    private record Step(SplitOutcome outcome, Dataset trainingSet, double conversionSeconds) {
    }

    /** The gate's judgements of one setting over the splits. */
    private record GateRun(String label, List<GateDecision> decisions, double[] seconds) {
    }

    @Override
    public String run(RetrainerBenchmark.Context c) {
        RetrainingSettings defaults = RetrainingSettings.defaults();
        RetrainingSettings fewLots = withMinExamples(defaults, FEW_LOTS_MIN_EXAMPLES);
        PrintStream progress = c.progress();

        warmUp(c, fewLots);
        // Per split, back to back, so load from other processes falls on both paths alike.
        progress.println("(a) per split: model-library path (TransferProtocol), retrainer path, control (as published)");
        TransferProtocol protocol = new TransferProtocol(TransferSettings.defaults(), c.prediction());
        ChallengerTrainer trainer = new ChallengerTrainer(fewLots);
        List<SplitOutcome> libraryOutcomes = new ArrayList<>();
        List<Step> retrainerSteps = new ArrayList<>();
        List<Step> controlSteps = new ArrayList<>();
        for (int i = 0; i < c.splits().size(); i++) {
            SiteSplit split = c.splits().get(i);
            SplitOutcome lib = protocol.run(c.champion(), c.site(), List.of(split), TransferProtocol.Listener.NONE)
                    .outcomes().get(0);
            libraryOutcomes.add(lib);
            Step ret = step(c, trainer, split, lib, CompositionForm.RENORMALISED);
            Step ctl = step(c, trainer, split, lib, CompositionForm.AS_PUBLISHED);
            retrainerSteps.add(ret);
            controlSteps.add(ctl);
            progress.printf(Locale.ROOT, "    %s %d/%d: R² %.3f / %.3f / %.3f, MAPE %.1f / %.1f / %.1f %%, %.0f / %.0f / %.0f ms "
                            + "(library / retrainer / control)%n", split.id(), i + 1, c.splits().size(), lib.transferred().r2(),
                    ret.outcome().transferred().r2(), ctl.outcome().transferred().r2(), lib.transferred().mapePct(),
                    ret.outcome().transferred().mapePct(), ctl.outcome().transferred().mapePct(), 1e3 * lib.transferSeconds(),
                    1e3 * ret.outcome().transferSeconds(), 1e3 * ctl.outcome().transferSeconds());
        }
        TransferReport library = new TransferReport(libraryOutcomes, TransferSettings.defaults());
        PathRun retrainer = path(retrainerSteps, fewLots.transfer());
        PathRun control = path(controlSteps, fewLots.transfer());

        progress.println("(a) champion/challenger gate on each split's six examples");
        GateRun gateDefaults = gate(c, defaults, "`RetrainingSettings.defaults()`", retrainer.trainingSets());
        GateRun gateFew = gate(c, fewLots, "defaults with minExamples " + FEW_LOTS_MIN_EXAMPLES, retrainer.trainingSets());
        Dataset allTwelve = ExampleDataset.of("franus all examples",
                LabExamples.examples(c.site(), allRows(c.site().size()), CompositionForm.RENORMALISED));
        GateDecision twelve = new ChampionChallengerGate(defaults).judge(c.champion(), allTwelve);

        StringBuilder md = new StringBuilder();
        md.append(HEADING).append("\n\n");
        settings(md, c, defaults, fewLots);
        summary(md, library, retrainer);
        agreement(md, c, library, retrainer, control);
        gateSection(md, library, retrainer, gateDefaults, gateFew, twelve, defaults);
        timings(md, library, retrainer, gateDefaults, gateFew);
        perSplit(md, c, library, retrainer, gateFew);
        return md.toString();
    }

    public static RetrainingSettings withMinExamples(RetrainingSettings s, int minExamples) {
        return new RetrainingSettings(s.fullRetrainMinExamples(), s.transfer(), s.full(), s.gateRepetitions(), s.gateMargin(),
                minExamples, s.seed());
    }

    /** One untimed conversion, transfer and scoring, so neither timed path pays for JIT and first-use costs. */
    private static void warmUp(RetrainerBenchmark.Context c, RetrainingSettings settings) {
        c.progress().println("(a) warm-up (untimed): one conversion, transfer and scoring");
        SiteSplit first = c.splits().get(0);
        Dataset examples = ExampleDataset.of("warm-up", LabExamples.examples(c.site(), first.trainRows(), CompositionForm.RENORMALISED));
        try (Challenger challenger = new ChallengerTrainer(settings).train(c.champion(), examples)) {
            HoldOutScores.score(challenger.model(), examples, c.prediction());
        }
    }

    /** One split through the retrainer: conversion (timed), challenger training (timed), scores on the test rows. */
    private static Step step(RetrainerBenchmark.Context c, ChallengerTrainer trainer, SiteSplit split, SplitOutcome library,
                             CompositionForm form) {
        long start = System.nanoTime();
        List<TrainingExample> examples = LabExamples.examples(c.site(), split.trainRows(), form);
        Dataset trainingSet = ExampleDataset.of(c.site().name() + " [" + split.id() + " examples]", examples);
        long converted = System.nanoTime();
        if (!trainer.transfers(trainingSet.size())) {
            throw new IllegalStateException("expected the transfer path for " + trainingSet.size() + " examples");
        }
        try (Challenger challenger = trainer.train(c.champion(), trainingSet)) {
            long trained = System.nanoTime();
            if (!challenger.method().equals("transfer")) {
                throw new IllegalStateException("challenger method " + challenger.method() + ", expected transfer");
            }
            Dataset test = c.site().subset(c.site().name() + " [" + split.id() + " test]", split.testRows());
            HoldOutScores scores = HoldOutScores.score(challenger.model(), test, c.prediction());
            return new Step(new SplitOutcome(split, library.zeroShot(), scores, (trained - converted) / 1e9), trainingSet,
                    (converted - start) / 1e9);
        }
    }

    private static PathRun path(List<Step> steps, TransferSettings settings) {
        List<Double> conversion = new ArrayList<>();
        List<Double> training = new ArrayList<>();
        for (Step s : steps) {
            if (!s.outcome().split().id().equals(TransferReport.PAPER_SPLIT_ID)) {
                conversion.add(s.conversionSeconds());
                training.add(s.outcome().transferSeconds());
            }
        }
        return new PathRun(new TransferReport(steps.stream().map(Step::outcome).toList(), settings),
                steps.stream().map(Step::trainingSet).toList(), toArray(conversion), toArray(training));
    }

    private static GateRun gate(RetrainerBenchmark.Context c, RetrainingSettings settings, String label, List<Dataset> sets) {
        ChampionChallengerGate gate = new ChampionChallengerGate(settings);
        List<GateDecision> decisions = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            long start = System.nanoTime();
            GateDecision decision = gate.judge(c.champion(), sets.get(i));
            seconds.add((System.nanoTime() - start) / 1e9);
            decisions.add(decision);
            c.progress().printf(Locale.ROOT, "    gate (%s) %s: %s%n", label, c.splits().get(i).id(), decision.reason());
        }
        return new GateRun(label, decisions, toArray(seconds));
    }

    private static void settings(StringBuilder md, RetrainerBenchmark.Context c, RetrainingSettings d, RetrainingSettings fewLots) {
        TransferSettings t = d.transfer();
        long seeded = c.splits().stream().filter(s -> !s.id().equals(TransferReport.PAPER_SPLIT_ID)).count();
        md.append("**Settings.** ");
        md.append(String.format(Locale.ROOT, "Splits: the first %d seeded 6/6 splits of `%s` (test rows never seen in "
                + "training), the paper's own split run besides and reported apart; scores on the same 6 test rows of "
                + "`%s` as the model benchmark (`HoldOutScores`, `PredictionSettings.defaults()`: %d noise draws, "
                + "threshold %.0f ppm mol). ", seeded, BenchData.SPLITS, BenchData.FRANUS, c.prediction().noiseSamples(),
                c.prediction().thresholdTotalReePpmMol()));
        md.append(String.format(Locale.ROOT, "Retrainer: `RetrainingSettings.defaults()` = full retraining from %d examples "
                        + "(below: transfer), gate %d repetitions, margin %.0f %%, minExamples %d, seed %d; transfer recipe "
                        + "%d epochs, lr %.0e, L2-SP %.0e, input noise %.0f %%, %d-fold residual, seed %d (%s the model library's "
                        + "`TransferSettings.defaults()`, which the model-library path uses). ", d.fullRetrainMinExamples(),
                d.gateRepetitions(), 100 * d.gateMargin(), d.minExamples(), d.seed(), t.epochs(), t.learningRate(),
                t.anchorStrength(), 100 * t.inputNoiseRelative(), t.residualFolds(), t.seed(),
                t.equals(TransferSettings.defaults()) ? "equal to" : "**different from**"));
        md.append(String.format(Locale.ROOT, "`ChallengerTrainer.train` refuses fewer than minExamples (%d) examples, so the "
                + "challengers here are trained with the defaults except minExamples %d (the floor the settings allow; the "
                + "recipe is untouched).%n%n", d.minExamples(), fewLots.minExamples()));
        md.append("**What each split's 6 training lots go through** (test lots are not converted: both paths score the "
                + "published rows):\n\n");
        md.append("1. a `LotComposition` (lot.compositions): the ten majors in mol %, renormalised to 100 as the screener "
                + "publishes them (the published rows sum to 99.98–100.00), one shot;\n");
        md.append("2. a `LabResult` (lab.results): ICP_MS, ASH basis, the 16 elements in mg/kg (`PPM_MASS_ELEMENT`), "
                + "computed from the published ppm mol with the model library's `ReeUnits`;\n");
        md.append("3. the retrainer's conversion `LabTargets.of(lab, composition)` back to ppm mol of each REE oxide, and a "
                + "`TrainingExample` built by the join's own `ExampleOutput.example`, encoded to Avro "
                + "bytes and decoded as the topic would carry it;\n");
        md.append("4. `ExampleDataset.of` (total = sum of the 16) and `ChallengerTrainer.train(champion, examples)` (6 < "
                + d.fullRetrainMinExamples() + ": method transfer, `SiteTransfer` with the retrainer's recipe).\n\n");
        md.append("A control run repeats 1–4 with the compositions as published (step 1 without renormalising): it isolates "
                + "the code path from the one representational change the live topics make.\n\n");
    }

    private static void summary(StringBuilder md, TransferReport library, PathRun retrainer) {
        TransferReport r = retrainer.report();
        md.append(String.format(Locale.ROOT, "Total REE on the test rows, %d splits:%n%n", library.repeated().size()));
        md.append("| total REE, test rows | zero-shot (champion) | model library: `TransferProtocol` | retrainer: examples → "
                + "`ChallengerTrainer` | retrainer − library |\n|---|---|---|---|---|\n");
        row(md, "MAPE %, mean ± std", library, r, HoldOutScores::mapePct, 1, true);
        row(md, "MAE/mean % (authors' \"MAPE\"), mean ± std", library, r, HoldOutScores::maeOverMeanPct, 1, true);
        row(md, "R², mean ± std", library, r, HoldOutScores::r2, 3, true);
        row(md, "R², median", library, r, HoldOutScores::r2, 3, false);
        double libCoverage = 100 * library.pooledCoverage90();
        double retCoverage = 100 * r.pooledCoverage90();
        md.append(String.format(Locale.ROOT, "| 90 %% interval coverage, pooled | %.1f %% | %.1f %% of %d | %.1f %% of %d | %s |%n",
                100 * pooledZeroShotCoverage(library), libCoverage, library.pooledTestRows(), retCoverage, r.pooledTestRows(),
                signed(retCoverage - libCoverage, 1, " pp")));
        double[] libSeconds = library.repeated().stream().mapToDouble(SplitOutcome::transferSeconds).toArray();
        double[] paired = new double[libSeconds.length];
        for (int i = 0; i < paired.length; i++) {
            paired[i] = retrainer.trainingSeconds()[i] - libSeconds[i];
        }
        md.append(String.format(Locale.ROOT, "| retraining time, median | | %.0f ms | %.0f ms | %s (median of the per-split "
                        + "differences) |%n%n", 1e3 * Summary.median(libSeconds), 1e3 * Summary.median(retrainer.trainingSeconds()),
                signed(1e3 * Summary.median(paired), 0, " ms")));
        library.paperSplit().ifPresent(p -> r.paperSplit().ifPresent(q -> md.append(String.format(Locale.ROOT,
                "The paper's own split: zero-shot R² %.3f, MAPE %.1f %%; model library R² %.3f, MAPE %.1f %%, coverage %.0f %%; "
                        + "retrainer R² %.3f, MAPE %.1f %%, coverage %.0f %%.%n%n", p.zeroShot().r2(), p.zeroShot().mapePct(),
                p.transferred().r2(), p.transferred().mapePct(), 100 * p.transferred().coverage90(), q.transferred().r2(),
                q.transferred().mapePct(), 100 * q.transferred().coverage90()))));
    }

    private static void agreement(StringBuilder md, RetrainerBenchmark.Context c, TransferReport library, PathRun retrainer,
                                  PathRun control) {
        Dataset site = c.site();
        int[] all = allRows(site.size());
        Dataset renormalised = ExampleDataset.of("renormalised", LabExamples.examples(site, all, CompositionForm.RENORMALISED));
        Dataset published = ExampleDataset.of("as published", LabExamples.examples(site, all, CompositionForm.AS_PUBLISHED));
        double[][] x = site.inputsMolPct(c.champion().features());
        double[][] y = site.targetsPpmMol();
        md.append("### Agreement with the model-library path\n\n");
        md.append("Per split, retrainer path against model-library path on the same test rows (largest difference over the "
                + "splits, the paper's included):\n\n");
        md.append("| check | retrainer path (compositions renormalised) | control (compositions as published) |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| max \\|Δ\\| test MAPE, percentage points | %.4f | %.4f |%n",
                maxDiff(library, retrainer.report(), HoldOutScores::mapePct), maxDiff(library, control.report(), HoldOutScores::mapePct)));
        md.append(String.format(Locale.ROOT, "| max \\|Δ\\| test MAE/mean, percentage points | %.4f | %.4f |%n",
                maxDiff(library, retrainer.report(), HoldOutScores::maeOverMeanPct),
                maxDiff(library, control.report(), HoldOutScores::maeOverMeanPct)));
        md.append(String.format(Locale.ROOT, "| max \\|Δ\\| test R² | %.5f | %.5f |%n",
                maxDiff(library, retrainer.report(), HoldOutScores::r2), maxDiff(library, control.report(), HoldOutScores::r2)));
        md.append(String.format(Locale.ROOT, "| max \\|Δ\\| test RMSE, ppm mol | %.4f | %.4f |%n",
                maxDiff(library, retrainer.report(), HoldOutScores::rmsePpmMol),
                maxDiff(library, control.report(), HoldOutScores::rmsePpmMol)));
        md.append(String.format(Locale.ROOT, "| splits whose 90 %% coverage differs | %d of %d | %d of %d |%n",
                coverageDiffers(library, retrainer.report()), library.outcomes().size(), coverageDiffers(library, control.report()),
                library.outcomes().size()));
        md.append(String.format(Locale.ROOT, "| model inputs (6 features, 12 lots): max relative difference from the published row | %.2e | %.2e |%n",
                maxRelative(x, renormalised.inputsMolPct(c.champion().features())),
                maxRelative(x, published.inputsMolPct(c.champion().features()))));
        md.append(String.format(Locale.ROOT, "| targets (total + 16 oxides, 12 lots) after ppm mol → mg/kg element → ppm mol: max relative difference | %.2e | %.2e |%n%n",
                maxRelative(y, renormalised.targetsPpmMol()), maxRelative(y, published.targetsPpmMol())));
    }

    private static void gateSection(StringBuilder md, TransferReport library, PathRun retrainer, GateRun defaults, GateRun fewLots,
                                    GateDecision twelve, RetrainingSettings d) {
        md.append("### Champion/challenger gate on the 6-example training sets\n\n");
        md.append("`ChampionChallengerGate.judge(champion, examples)` on each split's 6 examples (the retrainer path's), as the "
                + "live service runs it before publishing. Its own hold-out: stratified by total REE, a quarter held out, "
                + "a challenger trained on the rest the way the real one would be; accepted when the challenger's pooled "
                + "MAE/mean of total REE is ≤ (1 − margin) × the champion's on the same rows.\n\n");
        md.append("| gate settings | training sets judged | challenger would be published | method | champion MAE/mean %, "
                + "median (min–max) | challenger MAE/mean %, median (min–max) | held-out rows per judgement | judge time, median |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        gateRow(md, defaults, library);
        gateRow(md, fewLots, library);
        md.append('\n');
        GateDecision first = defaults.decisions().get(0);
        md.append("With `RetrainingSettings.defaults()` the gate's answer on every 6-example set is: *").append(first.reason())
                .append("*; nothing is published. In the live service it does not even get that far: `RetrainingLoop.add` "
                        + "starts an attempt only once it holds minExamples (" + d.minExamples() + ") examples, so a site with "
                        + "6 lab results keeps the champion.\n\n");
        // Would the decisions with minExamples lowered have been right? Compare against the real test rows.
        int accepted = 0;
        int acceptedHelped = 0;
        int rejected = 0;
        int rejectedWouldHaveHelped = 0;
        List<SplitOutcome> outcomes = retrainer.report().outcomes();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).split().id().equals(TransferReport.PAPER_SPLIT_ID)) {
                continue;
            }
            boolean helped = outcomes.get(i).transferred().maeOverMeanPct() < outcomes.get(i).zeroShot().maeOverMeanPct();
            if (fewLots.decisions().get(i).accepted()) {
                accepted++;
                acceptedHelped += helped ? 1 : 0;
            } else {
                rejected++;
                rejectedWouldHaveHelped += helped ? 1 : 0;
            }
        }
        md.append(String.format(Locale.ROOT, "With minExamples lowered to %d, checked against the split's 6 real test lots "
                        + "(which the gate never sees; the gate's metric, MAE/mean of total REE): of the %d accepted challengers "
                        + "%d beat the champion on the test lots; of the %d rejected, %d would have beaten it.%n%n",
                FEW_LOTS_MIN_EXAMPLES, accepted, acceptedHelped, rejected, rejectedWouldHaveHelped));
        md.append("For comparison, the gate with `RetrainingSettings.defaults()` on all 12 Polish lots as examples (what the "
                + "live service judges once a site has ≥ " + d.minExamples() + " lab results; no independent test rows are "
                + "left): *").append(twelve.reason()).append("*.\n\n");
    }

    private static void gateRow(StringBuilder md, GateRun run, TransferReport library) {
        List<GateDecision> seeded = seeded(run.decisions(), library);
        long published = seeded.stream().filter(GateDecision::accepted).count();
        String methods = String.join(", ", seeded.stream().map(GateDecision::method).distinct().toList());
        double[] champion = seeded.stream().mapToDouble(GateDecision::championMaeOverMeanPct).filter(Double::isFinite).toArray();
        double[] challenger = seeded.stream().mapToDouble(GateDecision::challengerMaeOverMeanPct).filter(Double::isFinite).toArray();
        String rows = String.join(", ", seeded.stream().map(g -> Integer.toString(g.heldOutRows())).distinct().toList());
        double[] seconds = seededSeconds(run.seconds(), library);
        md.append(String.format(Locale.ROOT, "| %s | %d | %d of %d | %s | %s | %s | %s | %.1f ms |%n", run.label(), seeded.size(),
                published, seeded.size(), methods, medianRange(champion), medianRange(challenger), rows,
                1e3 * Timings.of(seconds).medianSeconds()));
    }

    private static void timings(StringBuilder md, TransferReport library, PathRun retrainer, GateRun defaults, GateRun fewLots) {
        md.append("### Timings (one per seeded split)\n\n");
        md.append("Wall clock on this machine, one thing at a time, after one untimed warm-up transfer. Each split runs the "
                + "model-library path, the retrainer path and the control back to back; the gates run after all splits.\n\n"
                + "| what | measured |\n|---|---|\n");
        md.append("| 6 lab results + compositions → `TrainingExample` (Avro bytes and back) → `ExampleDataset` | ")
                .append(Timings.of(retrainer.conversionSeconds()).describeMillis()).append(" |\n");
        md.append("| retraining: `ChallengerTrainer.train` on 6 examples (transfer, with its cross-validated residual) | ")
                .append(Timings.of(retrainer.trainingSeconds()).describeMillis()).append(" |\n");
        md.append("| the same transfer in the model library's `TransferProtocol` (`SiteTransfer.transfer`), same rows | ")
                .append(Timings.of(library.repeated().stream().mapToDouble(SplitOutcome::transferSeconds).toArray()).describeMillis())
                .append(" |\n");
        md.append("| gate, `RetrainingSettings.defaults()`, 6 examples (judges nothing) | ")
                .append(Timings.of(seededSeconds(defaults.seconds(), library)).describeMillis()).append(" |\n");
        md.append("| gate, minExamples ").append(FEW_LOTS_MIN_EXAMPLES).append(": champion + 5 challengers on 4 examples each | ")
                .append(Timings.of(seededSeconds(fewLots.seconds(), library)).describeMillis()).append(" |\n");
        double[] gateSeconds = seededSeconds(fewLots.seconds(), library);
        List<GateDecision> decisions = seeded(fewLots.decisions(), library);
        double[] attempt = new double[gateSeconds.length];
        for (int i = 0; i < attempt.length; i++) {
            attempt[i] = retrainer.conversionSeconds()[i] + gateSeconds[i]
                    + (decisions.get(i).accepted() ? retrainer.trainingSeconds()[i] : 0);
        }
        md.append("| one attempt as `RetrainingLoop.retrainNow` runs it (conversion + gate with minExamples ")
                .append(FEW_LOTS_MIN_EXAMPLES).append(" + the challenger's training when accepted) | ")
                .append(Timings.of(attempt).describeMillis()).append(" |\n\n");
    }

    private static void perSplit(StringBuilder md, RetrainerBenchmark.Context c, TransferReport library, PathRun retrainer,
                                 GateRun fewLots) {
        Dataset site = c.site();
        int lowest = 0;
        for (int i = 1; i < site.size(); i++) {
            lowest = site.get(i).totalReePpmMol() < site.get(lowest).totalReePpmMol() ? i : lowest;
        }
        md.append("<details><summary>Per split</summary>\n\n");
        md.append("| split | lowest lot (S12) in test | zero-shot R² | R²: library / retrainer | MAPE %: library / retrainer "
                + "| coverage: library / retrainer | retraining ms | gate (minExamples " + FEW_LOTS_MIN_EXAMPLES
                + "): champion / challenger MAE/mean %, decision |\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < library.outcomes().size(); i++) {
            SplitOutcome l = library.outcomes().get(i);
            SplitOutcome r = retrainer.report().outcomes().get(i);
            GateDecision g = fewLots.decisions().get(i);
            int low = lowest;
            boolean inTest = Arrays.stream(l.split().testRows()).anyMatch(row -> row == low);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f / %.3f | %.1f / %.1f | %.0f %% / %.0f %% | %.0f | %.1f / %.1f, %s |%n",
                    l.split().id(), inTest ? "yes" : "no", l.zeroShot().r2(), l.transferred().r2(), r.transferred().r2(),
                    l.transferred().mapePct(), r.transferred().mapePct(), 100 * l.transferred().coverage90(),
                    100 * r.transferred().coverage90(), 1e3 * r.transferSeconds(), g.championMaeOverMeanPct(),
                    g.challengerMaeOverMeanPct(), g.accepted() ? "accepted" : "rejected"));
        }
        md.append("\n</details>\n\n");
    }

    // ---- helpers ----

    private static void row(StringBuilder md, String label, TransferReport library, TransferReport retrainer,
                            ToDoubleFunction<HoldOutScores> statistic, int decimals, boolean meanStd) {
        double[] zero = finite(library.zeroShot(statistic));
        double[] lib = finite(library.transferred(statistic));
        double[] ret = finite(retrainer.transferred(statistic));
        double delta = meanStd ? Summary.mean(ret) - Summary.mean(lib) : Summary.median(ret) - Summary.median(lib);
        md.append("| ").append(label).append(" | ").append(cell(zero, decimals, meanStd)).append(" | ")
                .append(cell(lib, decimals, meanStd)).append(" | ").append(cell(ret, decimals, meanStd)).append(" | ")
                .append(signed(delta, decimals + 1, "")).append(" |\n");
    }

    /** "+0.0123", or "0.0000" where the difference rounds to zero (no "-0.0000"). */
    private static String signed(double value, int decimals, String unit) {
        String plain = String.format(Locale.ROOT, "%." + decimals + "f", 0.0);
        String formatted = String.format(Locale.ROOT, "%+." + decimals + "f", value);
        return (formatted.substring(1).equals(plain) ? plain : formatted) + unit;
    }

    private static String cell(double[] values, int decimals, boolean meanStd) {
        if (values.length == 0) {
            return "n/a";
        }
        String f = "%." + decimals + "f";
        return meanStd
                ? String.format(Locale.ROOT, f + " ± " + f, Summary.mean(values), values.length > 1 ? Summary.std(values) : 0.0)
                : String.format(Locale.ROOT, f, Summary.median(values));
    }

    private static double pooledZeroShotCoverage(TransferReport report) {
        double inside = 0;
        int rows = 0;
        for (SplitOutcome o : report.repeated()) {
            inside += o.zeroShot().coverage90() * o.zeroShot().rows();
            rows += o.zeroShot().rows();
        }
        return rows == 0 ? Double.NaN : inside / rows;
    }

    private static double maxDiff(TransferReport a, TransferReport b, ToDoubleFunction<HoldOutScores> statistic) {
        double max = 0;
        for (int i = 0; i < a.outcomes().size(); i++) {
            double x = statistic.applyAsDouble(a.outcomes().get(i).transferred());
            double y = statistic.applyAsDouble(b.outcomes().get(i).transferred());
            if (Double.isFinite(x) && Double.isFinite(y)) {
                max = Math.max(max, Math.abs(x - y));
            } else if (Double.isFinite(x) != Double.isFinite(y)) {
                return Double.NaN;
            }
        }
        return max;
    }

    private static int coverageDiffers(TransferReport a, TransferReport b) {
        int n = 0;
        for (int i = 0; i < a.outcomes().size(); i++) {
            n += a.outcomes().get(i).transferred().coverage90() != b.outcomes().get(i).transferred().coverage90() ? 1 : 0;
        }
        return n;
    }

    static double maxRelative(double[][] expected, double[][] actual) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double scale = Math.abs(expected[i][j]);
                double diff = Math.abs(actual[i][j] - expected[i][j]);
                max = Math.max(max, scale == 0 ? diff : diff / scale);
            }
        }
        return max;
    }

    private static List<GateDecision> seeded(List<GateDecision> decisions, TransferReport library) {
        List<GateDecision> out = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            if (!library.outcomes().get(i).split().id().equals(TransferReport.PAPER_SPLIT_ID)) {
                out.add(decisions.get(i));
            }
        }
        return out;
    }

    private static double[] seededSeconds(double[] seconds, TransferReport library) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            if (!library.outcomes().get(i).split().id().equals(TransferReport.PAPER_SPLIT_ID)) {
                out.add(seconds[i]);
            }
        }
        return toArray(out);
    }

    private static String medianRange(double[] values) {
        return values.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", Summary.median(values),
                Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow());
    }

    private static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
