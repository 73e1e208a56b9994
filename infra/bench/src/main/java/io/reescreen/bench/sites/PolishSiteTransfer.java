package io.reescreen.bench.sites;

import io.reescreen.bench.BaseModel;
import io.reescreen.bench.BenchData;
import io.reescreen.bench.retrainer.LabExamples;
import io.reescreen.bench.retrainer.LabExamples.CompositionForm;
import io.reescreen.bench.retrainer.RetrainerBenchmark;
import io.reescreen.bench.retrainer.TransferThroughRetrainer;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.evaluation.Summary;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.training.TrainedModel;
import io.reescreen.model.transfer.SiteSplit;
import io.reescreen.model.transfer.SplitOutcome;
import io.reescreen.model.transfer.TransferProtocol;
import io.reescreen.model.transfer.TransferReport;
import io.reescreen.model.transfer.TransferSettings;
import io.reescreen.release.InForce;
import io.reescreen.release.ReleaseCheck;
import io.reescreen.release.ReleaseKey;
import io.reescreen.release.ReleaseVerdict;
import io.reescreen.retrainer.app.RetrainerConfig;
import io.reescreen.retrainer.training.GateDecision;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.retrainer.training.RetrainingSettings;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.TrainingExample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The Polish transfer protocol (the fixed 6/6 splits of the 12 Franus ashes) run as "site PL" through the per-site
 * path of the retrainer: each split's six training lots become training examples of site PL by the retrainer's own
 * conversion ({@link LabExamples}), a {@link RetrainingLoop} (no Kafka) counts them, judges PL's challenger against
 * PL's champion (the base) and publishes PL's release, the release passes the screeners' {@link ReleaseCheck}, and the
 * model it carries scores the split's six test lots. Beside it, on the same splits in the same run, the model
 * benchmark's own transfer ({@link TransferProtocol}, what {@code bench model} reports): the two should agree where
 * the gate published. A split whose challenger the gate rejects is counted and reported (site PL keeps the base model
 * there), not treated as an error.
 */
public final class PolishSiteTransfer {

    public static final String SITE_ID = "PL";
    /** The model name the releases go under: the retrainer's default. */
    static final String MODEL_NAME = RetrainerConfig.DEFAULT_MODEL_NAME;
    static final String HEADING = "## The Polish transfer protocol as site PL, through the per-site path";
    static final String BASE_VERSION = "bench-base";

    /**
     * One split through both paths.
     *
     * @param library  the model library's transfer ({@code bench model}'s figures)
     * @param gate     what the site's gate decided on the six examples
     * @param siteModel the released site model's scores on the test rows; empty when nothing was released
     * @param release  the released version under its key ({@code screener@PL}), or why nothing was served
     */
    record SplitRun(SplitOutcome library, GateDecision gate, Optional<HoldOutScores> siteModel, String release) {

        SiteSplit split() {
            return library.split();
        }

        /** What site PL is served on the test rows: its own model if released, else the base (zero-shot). */
        HoldOutScores served() {
            return siteModel.orElse(library.zeroShot());
        }
    }

    private final RetrainingSettings settings;
    private final PredictionSettings prediction;
    private final PrintStream progress;

    /**
     * @param settings the site's retraining settings; {@code minExamples} must be at most the six training lots of a
     *                 split, or every gate refuses to judge
     */
    public PolishSiteTransfer(RetrainingSettings settings, PredictionSettings prediction, PrintStream progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.prediction = Objects.requireNonNull(prediction, "prediction");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    RetrainingSettings settings() {
        return settings;
    }

    /** The retrainer's defaults except minExamples 5 (its floor): a split has six training lots, the defaults need 10. */
    public static PolishSiteTransfer withRetrainerDefaults(PrintStream progress) {
        return new PolishSiteTransfer(TransferThroughRetrainer.withMinExamples(RetrainingSettings.defaults(),
                TransferThroughRetrainer.FEW_LOTS_MIN_EXAMPLES), PredictionSettings.defaults(), progress);
    }

    /**
     * The section from the shared data folder: trains the model benchmark's base model ({@link BaseModel}), runs
     * the first {@code seededSplits} seeded splits and the paper's own. When the data is absent, a short section
     * saying so (nothing is run).
     */
    public String markdownSection(Path dataDir, int seededSplits) throws IOException {
        BenchData data = new BenchData(dataDir);
        Optional<Path> missing = missing(dataDir);
        if (missing.isPresent()) {
            return HEADING + "\n\nSkipped: `" + missing.get() + "` is absent (point the data directory at the shared "
                    + "data folder).\n\n";
        }
        Dataset teacher = data.read(BenchData.TEACHER);
        Dataset site = data.read(BenchData.FRANUS);
        List<SiteSplit> splits = RetrainerBenchmark.selectSplits(data.splits(), seededSplits);
        progress.println("site PL: training the base model (bench model's) on " + teacher.size() + " teacher-labelled rows");
        try (TrainedModel base = BaseModel.train(teacher, prediction)) {
            return markdownSection(base.artifact(), BaseModel.DESCRIPTION, site, splits);
        }
    }

    /** The section for a base model already at hand, on the given splits of {@code site} (the Polish ashes). */
    public String markdownSection(ModelArtifact base, String baseDescription, Dataset site, List<SiteSplit> splits) {
        List<SplitRun> runs = new ArrayList<>();
        TransferProtocol library = new TransferProtocol(TransferSettings.defaults(), prediction);
        for (SiteSplit split : splits) {
            SplitRun run = run(base, library, site, split);
            runs.add(run);
            progress.printf(Locale.ROOT, "    site PL %s %d/%d: gate %s; MAPE library %.1f %%, site model %s%n", split.id(),
                    runs.size(), splits.size(), run.gate().accepted() ? "accepted" : "rejected",
                    run.library().transferred().mapePct(),
                    run.siteModel().map(s -> String.format(Locale.ROOT, "%.1f %%", s.mapePct())).orElse("none"));
        }
        return format(runs, baseDescription, settings);
    }

    /** One split: the library's transfer, then the six lots through the site's retraining loop and release. */
    SplitRun run(ModelArtifact base, TransferProtocol library, Dataset site, SiteSplit split) {
        SplitOutcome byLibrary = library.run(base, site, List.of(split), TransferProtocol.Listener.NONE).outcomes().get(0);
        List<TrainingExample> examples = LabExamples.examples(site, split.trainRows(), CompositionForm.RENORMALISED)
                .stream().map(e -> TrainingExample.newBuilder(e).setSiteId(SITE_ID).build()).toList();
        AtomicReference<ModelRelease> published = new AtomicReference<>();
        RetrainingLoop.ChampionSource champion = new RetrainingLoop.ChampionSource() {
            @Override
            public String version() {
                return BASE_VERSION;
            }

            @Override
            public ModelArtifact artifact() {
                return base;
            }
        };
        // Every split's lots trigger exactly one attempt: PL's count reaches retrain-every with the last of them.
        RetrainingLoop loop = new RetrainingLoop(MODEL_NAME, settings, examples.size(), champion, published::set,
                Clock.systemUTC());
        Optional<RetrainingOutcome> attempt = Optional.empty();
        for (int i = 0; i < examples.size(); i++) {
            attempt = loop.add(examples.get(i), "training.examples", 0, i);
        }
        RetrainingOutcome outcome = attempt.orElseThrow(() -> new IllegalStateException(
                split.id() + ": " + examples.size() + " examples of site PL triggered no attempt"));
        if (!outcome.siteId().equals(Optional.of(SITE_ID))) {
            throw new IllegalStateException(split.id() + ": the attempt was for " + outcome.siteId() + ", not site PL");
        }
        if (!outcome.published()) {
            return new SplitRun(byLibrary, outcome.decision(), Optional.empty(),
                    outcome.failure().map(f -> "not published: " + f).orElse("gate rejected: base served"));
        }
        ModelRelease release = Objects.requireNonNull(published.get(), "published release");
        String key = ReleaseKey.of(release).toString();
        ReleaseVerdict verdict = ReleaseCheck.check(release, InForce.NONE);
        if (!(verdict instanceof ReleaseVerdict.Accepted accepted)) {
            return new SplitRun(byLibrary, outcome.decision(), Optional.empty(), key + " refused by the release check: "
                    + verdict);
        }
        try (var checked = accepted.release()) {
            Dataset test = site.subset(site.name() + " [" + split.id() + " test]", split.testRows());
            return new SplitRun(byLibrary, outcome.decision(), Optional.of(HoldOutScores.score(checked.model(), test,
                    prediction)), key + " " + release.getVersion());
        }
    }

    static String format(List<SplitRun> runs, String baseDescription, RetrainingSettings settings) {
        List<SplitRun> seeded = runs.stream().filter(r -> !r.split().id().equals(TransferReport.PAPER_SPLIT_ID)).toList();
        List<SplitRun> released = seeded.stream().filter(r -> r.siteModel().isPresent()).toList();
        StringBuilder md = new StringBuilder();
        md.append(HEADING).append("\n\n");
        md.append(String.format(Locale.ROOT, "Each split's six training lots of `%s` go to site PL as the retrainer "
                        + "receives lab results (`LabExamples`: a lot composition and an ICP-MS result per lot, the "
                        + "retrainer's conversion into a `TrainingExample`, here with `siteId` PL); a `RetrainingLoop` "
                        + "(in-process, no Kafka; champion: the base model) counts PL's examples and makes PL's attempt on "
                        + "the sixth: a transfer from the base on PL's examples only, judged by PL's gate against PL's "
                        + "champion (the base), published under `%s@%s` when accepted; the release passes the screeners' "
                        + "`ReleaseCheck` and the model it carries scores the split's six test lots. Beside it, in the same "
                        + "run on the same splits, `bench model`'s transfer (`TransferProtocol`, the model library's "
                        + "`SiteTransfer`). Base model: %s. Retraining settings: `RetrainingSettings.defaults()` except "
                        + "minExamples %d (the defaults need %d; a split has 6): gate %d repetitions, margin %.0f %%.%n%n",
                BenchData.FRANUS, MODEL_NAME, SITE_ID, baseDescription, settings.minExamples(),
                RetrainingSettings.defaults().minExamples(), settings.gateRepetitions(), 100 * settings.gateMargin()));
        md.append(String.format(Locale.ROOT, "**Gate:** site PL's challenger was accepted and released on %d of %d seeded "
                + "splits, rejected on %d (there site PL keeps the base model).%n%n", released.size(), seeded.size(),
                seeded.size() - released.size()));
        summary(md, seeded, released);
        perSplit(md, runs);
        return md.toString();
    }

    private static void summary(StringBuilder md, List<SplitRun> seeded, List<SplitRun> released) {
        TransferReport library = report(seeded, r -> r.library().transferred());
        TransferReport zeroShot = report(seeded, r -> r.library().zeroShot());
        TransferReport served = report(seeded, SplitRun::served);
        TransferReport libraryReleased = report(released, r -> r.library().transferred());
        TransferReport siteModels = report(released, r -> r.siteModel().orElseThrow());
        List<TransferReport> columns = List.of(zeroShot, library, served, libraryReleased, siteModels);
        md.append(String.format(Locale.ROOT, "Total REE on the test rows (6 per split). Columns 2 and 3: every seeded split "
                + "(%d); columns 4 and 5: the %d splits where PL's model was released.%n%n", seeded.size(), released.size()));
        md.append("| total REE, test rows | zero-shot (base) | `bench model` transfer | site PL served (its model, or the "
                + "base where rejected) | `bench model` transfer, released splits | site PL's released model |\n"
                + "|---|---|---|---|---|---|\n");
        row(md, "MAPE %, mean ± std", columns, HoldOutScores::mapePct, 1, true);
        row(md, "MAE/mean %, mean ± std", columns, HoldOutScores::maeOverMeanPct, 1, true);
        row(md, "MAE/mean %, median", columns, HoldOutScores::maeOverMeanPct, 1, false);
        row(md, "R², median", columns, HoldOutScores::r2, 3, false);
        md.append("| 90 % coverage, pooled (mean width, % of the prediction) |");
        for (TransferReport c : columns) {
            md.append(c.outcomes().isEmpty() ? " n/a |" : String.format(Locale.ROOT, " %.1f %% of %d (width %.0f %%) |",
                    100 * c.pooledCoverage90(), c.pooledTestRows(), c.pooledMeanWidth90Pct()));
        }
        md.append("\n\n");
        double maxMape = 0;
        for (SplitRun r : released) {
            maxMape = Math.max(maxMape, Math.abs(r.siteModel().orElseThrow().mapePct() - r.library().transferred().mapePct()));
        }
        if (!released.isEmpty()) {
            md.append(String.format(Locale.ROOT, "Agreement on the released splits: the largest per-split difference in "
                    + "MAPE between site PL's model and `bench model`'s transfer is %.2f percentage points. The examples' "
                    + "compositions are renormalised to 100 mol %% as the screener publishes them (the published rows sum "
                    + "to 99.98–100); that is the one difference in what the two paths train on, and it can move the "
                    + "transfer's cross-validated interval residual, hence coverage and width, more than the points.%n%n",
                    maxMape));
        }
    }

    /** The outcomes as a transfer report (the model library's arithmetic), {@code side} as the transferred scores. */
    private static TransferReport report(List<SplitRun> runs, Function<SplitRun, HoldOutScores> side) {
        return new TransferReport(runs.stream().map(r -> new SplitOutcome(r.split(), r.library().zeroShot(), side.apply(r),
                r.library().transferSeconds())).toList(), TransferSettings.defaults());
    }

    private static void row(StringBuilder md, String label, List<TransferReport> columns,
                            ToDoubleFunction<HoldOutScores> statistic, int decimals, boolean meanStd) {
        md.append("| ").append(label).append(" |");
        for (TransferReport c : columns) {
            double[] v = Arrays.stream(c.transferred(statistic)).filter(Double::isFinite).toArray();
            String f = "%." + decimals + "f";
            md.append(' ').append(v.length == 0 ? "n/a" : meanStd
                    ? String.format(Locale.ROOT, f + " ± " + f, Summary.mean(v), v.length > 1 ? Summary.std(v) : 0.0)
                    : String.format(Locale.ROOT, f, Summary.median(v))).append(" |");
        }
        md.append('\n');
    }

    private static void perSplit(StringBuilder md, List<SplitRun> runs) {
        md.append("<details><summary>Per split (site PL)</summary>\n\n");
        md.append("| split | gate: champion / challenger MAE/mean %, decision | release | MAPE %: `bench model` / site PL "
                + "| MAE/mean %: `bench model` / site PL | coverage (width %): `bench model` / site PL |\n"
                + "|---|---|---|---|---|---|\n");
        for (SplitRun r : runs) {
            HoldOutScores lib = r.library().transferred();
            Optional<HoldOutScores> site = r.siteModel();
            md.append(String.format(Locale.ROOT, "| %s | %.1f / %.1f, %s | %s | %.1f / %s | %.1f / %s | %.0f %% (%.0f) / %s |%n",
                    r.split().id(), r.gate().championMaeOverMeanPct(), r.gate().challengerMaeOverMeanPct(),
                    r.gate().accepted() ? "accepted" : "rejected", r.release(), lib.mapePct(),
                    site.map(s -> String.format(Locale.ROOT, "%.1f", s.mapePct())).orElse("-"), lib.maeOverMeanPct(),
                    site.map(s -> String.format(Locale.ROOT, "%.1f", s.maeOverMeanPct())).orElse("-"),
                    100 * lib.coverage90(), lib.meanWidth90Pct(),
                    site.map(s -> String.format(Locale.ROOT, "%.0f %% (%.0f)", 100 * s.coverage90(), s.meanWidth90Pct()))
                            .orElse("-")));
        }
        md.append("\n</details>\n\n");
    }

    /** The first data file the section needs that is absent, if any. */
    static Optional<Path> missing(Path dataDir) {
        return List.of(BenchData.TEACHER, BenchData.FRANUS, BenchData.SPLITS).stream().map(dataDir::resolve)
                .filter(p -> !Files.isRegularFile(p)).findFirst();
    }

    /**
     * Runs the section alone and prints it (progress on stderr):
     * {@code [--data-dir D] [--splits 30] [--out FILE]}; the data directory defaults to {@code $REESCREEN_DATA_DIR},
     * else {@code ../shared/data}.
     */
    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(Optional.ofNullable(System.getenv("REESCREEN_DATA_DIR")).orElse("../shared/data"));
        int splits = 30;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--splits" -> splits = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --data-dir D, --splits N, --out FILE");
            }
        }
        long start = System.nanoTime();
        String md = withRetrainerDefaults(System.err).markdownSection(dataDir, splits);
        md += String.format(Locale.ROOT, "Run with `PolishSiteTransfer --splits %d` in %.0f s.%n", splits,
                (System.nanoTime() - start) / 1e9);
        if (out != null) {
            Files.writeString(out, md);
        }
        System.out.print(md);
    }
}
