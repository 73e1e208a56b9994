package io.reescreen.launcher;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.comparison.ComparisonSettings;
import io.reescreen.model.comparison.ComparisonTable;
import io.reescreen.model.comparison.PaperComparison;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.predict.LotPrediction;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.training.ModelTraining;
import io.reescreen.model.training.TrainedModel;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.transfer.SiteTransfer;
import io.reescreen.model.transfer.TransferProtocol;
import io.reescreen.model.transfer.TransferReport;
import io.reescreen.model.transfer.TransferSettings;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.ensemble.EnsembleTrainer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ./reescreen model train|evaluate|transfer|predict}: the model library for data teams. */
final class ModelCommand implements Command {

    @Override
    public String name() {
        return "model";
    }

    @Override
    public String summary() {
        return "train, evaluate, transfer-learn and run the REE model on dataset files";
    }

    @Override
    public String usage() {
        return """
                Usage: ./reescreen model <train|evaluate|transfer|predict|promote|rollback> [options]
                  model train    --data F --out M [--members 30] [--epochs 500] [--seed 42] [--split-seed 0]
                                 [--features Al2O3,CaO,Fe2O3,MgO,TiO2,P2O5]
                      trains the ensemble on F (the paper's stratified split: the test fifth is held out and
                      scored into the model's metrics) and writes the model artifact M
                  model evaluate --data F [--repetitions 30] [--members 30] [--epochs 500] [--out table.md]
                      the paper's comparison on F: linear regression, single-task NN, multi-task NN and the
                      ensemble on the same stratified splits; R², MAPE, IoU/precision/recall at the threshold,
                      noise sensitivity at 2 % and 4 %
                  model transfer --base M --data F [--splits S] [--out M2] [--epochs 150] [--learning-rate 1e-2]
                                 [--anchor 1]
                      with --splits: the transfer protocol over fixed splits of F (train rows / test rows,
                      as ../shared/data/reference/franus_splits.csv); with --out: transfers on every row of F
                      and writes the new artifact M2
                  model predict  --model M --data F [--threshold 157]
                      screens every row of F: total REE with its 90 % interval, P(total >= threshold), the
                      out-of-domain flag, the oxide taken by difference (if any) and the strongest attribution;
                      scores them where F has lab values
                  model promote VERSION [--model-name ree-mtnn] [--bootstrap-servers H:P] [--registry-url U]
                                [--wait-seconds 60]
                      serves VERSION again: re-publishes its release from models.served (only releases the gate
                      accepted) as PROMOTE, then waits for the gate's verdict (exit 1: refused, or none in time)
                  model rollback [--model-name ree-mtnn] [--bootstrap-servers H:P] [--registry-url U] [--wait-seconds 60]
                      back to the served release's parent (a tombstone when that is the bootstrap model), as above
                      (cluster and registry default to $KAFKA_BOOTSTRAP_SERVERS and $SCHEMA_REGISTRY_URL)
                Datasets, told apart by their header: the project CSV (services/model/DATASETS.md), the paper's table
                layout, or a lab's oxide wt % table (<oxide>_wtpct_4acid and <El>_ppm columns, as
                ../shared/data/raw/acarp-whitehaven-reject-ash): a missing SiO2 is taken by difference, '<0.01' is
                below detection (LOD/2), as in the stream.
                Units: inputs mol % of the oxides (renormalised over the ten majors), REE in ppm by mole.""";
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().isEmpty()) {
            throw new CommandLine.UsageException("name one of: train, evaluate, transfer, predict, promote, rollback");
        }
        String sub = args.positionals().get(0);
        CommandLine options = args.shift();
        return switch (sub) {
            case "promote" -> ReleaseCommands.promote(options, out);
            case "rollback" -> ReleaseCommands.rollback(options, out);
            case "train" -> train(options, out, err);
            case "evaluate" -> evaluate(options, out, err);
            case "transfer" -> transfer(options, out, err);
            case "predict" -> predict(options, out, err);
            default -> throw new CommandLine.UsageException("unknown model command '" + sub + "'");
        };
    }

    private static TrainingRecipe recipe(CommandLine args) {
        TrainingRecipe paper = TrainingRecipe.paper();
        FeatureSet features = args.option("features").map(ModelCommand::features).orElse(paper.features());
        return paper.withFeatures(features).withMembers(args.intOption("members", paper.members()))
                .withSettings(paper.settings().withEpochs(args.intOption("epochs", paper.settings().epochs()))
                        .withSeed(args.longOption("seed", paper.settings().seed())));
    }

    private static FeatureSet features(String formulas) {
        try {
            return FeatureSet.ofFormulas(Arrays.stream(formulas.split(",")).map(String::trim).toList());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException("--features: " + e.getMessage());
        }
    }

    private static int train(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly("data", "out", "members", "epochs", "seed", "split-seed", "features");
        Path outFile = Path.of(args.required("out"));
        Dataset data = ModelFiles.dataset(Path.of(args.required("data")), err);
        TrainingRecipe recipe = recipe(args);
        ModelTraining training = new ModelTraining(recipe, PredictionSettings.defaults(), Clock.systemUTC());
        long start = System.nanoTime();
        try (TrainedModel trained = training.train(data, args.longOption("split-seed", 0),
                new EpochProgress(err, "training " + recipe.members() + " members"))) {
            double seconds = (System.nanoTime() - start) / 1e9;
            byte[] bytes = ModelFiles.write(trained.artifact(), outFile);
            out.printf(Locale.ROOT, "trained %d members on %s rows of %s in %.1f s%n", recipe.members(),
                    trained.artifact().trainingSummary().get("rows_trained"), data.name(), seconds);
            trained.test().ifPresentOrElse(s -> out.println(describe("held-out test", s)),
                    () -> out.println("too few rows to hold any out: no test scores"));
            out.printf(Locale.ROOT, "wrote %s (%d bytes, sha256 %s)%n", outFile, bytes.length, ModelArtifactCodec.sha256Hex(bytes));
        }
        return 0;
    }

    private static int evaluate(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly("data", "repetitions", "members", "epochs", "seed", "features", "out");
        Dataset data = ModelFiles.dataset(Path.of(args.required("data")), err);
        ComparisonSettings settings = ComparisonSettings.paper().withRepetitions(args.intOption("repetitions", 30))
                .withEnsemble(recipe(args));
        long start = System.nanoTime();
        ComparisonTable table = new PaperComparison(settings).run(data, (done, of) ->
                err.printf(Locale.ROOT, "repetition %d/%d done, %.0f s%n", done, of, (System.nanoTime() - start) / 1e9));
        String text = table.format();
        out.print(text);
        if (args.option("out").isPresent()) {
            Files.writeString(Path.of(args.required("out")), text);
        }
        return 0;
    }

    private static int transfer(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly("base", "data", "splits", "out", "epochs", "learning-rate", "anchor");
        if (args.option("splits").isEmpty() && args.option("out").isEmpty()) {
            throw new CommandLine.UsageException("give --splits (evaluate the protocol), --out (write a transferred model), or both");
        }
        Path basePath = Path.of(args.required("base"));
        ModelArtifact base = ModelFiles.artifact(basePath);
        Dataset site = ModelFiles.dataset(Path.of(args.required("data")), err);
        TransferSettings defaults = TransferSettings.defaults();
        TransferSettings settings = defaults.withEpochs(args.intOption("epochs", defaults.epochs()))
                .withLearningRate((float) args.doubleOption("learning-rate", defaults.learningRate()))
                .withAnchorStrength((float) args.doubleOption("anchor", defaults.anchorStrength()));
        if (args.option("splits").isPresent()) {
            var splits = ModelFiles.splits(Path.of(args.required("splits")));
            TransferReport report = new TransferProtocol(settings, PredictionSettings.defaults()).run(base, site, splits,
                    (o, done, of) -> err.printf(Locale.ROOT, "split %s (%d/%d): R² %.3f -> %.3f, MAPE %.1f %% -> %.1f %%, %.2f s%n",
                            o.split().id(), done, of, o.zeroShot().r2(), o.transferred().r2(), o.zeroShot().mapePct(),
                            o.transferred().mapePct(), o.transferSeconds()));
            out.print(report.format());
        }
        if (args.option("out").isPresent()) {
            Path outFile = Path.of(args.required("out"));
            long start = System.nanoTime();
            try (ScreeningModel model = SiteTransfer.transfer(base, site.inputsMolPct(base.features()), site.targetsPpmMol(),
                    settings, new EpochProgress(err, "transfer"))) {
                Map<String, String> summary = new LinkedHashMap<>(base.trainingSummary());
                summary.put("kind", "transfer (output layer, L2-SP)");
                summary.put("parent_sha256", ModelArtifactCodec.sha256Hex(Files.readAllBytes(basePath)));
                summary.put("transfer_dataset", site.name());
                summary.put("transfer_rows", Integer.toString(site.size()));
                summary.put("transfer_settings", settings.toString());
                summary.put("trained_at", Clock.systemUTC().instant().toString());
                byte[] bytes = ModelFiles.write(ModelArtifact.of(model, summary, Map.of()), outFile);
                out.printf(Locale.ROOT, "transferred on %d rows in %.2f s; wrote %s (%d bytes, sha256 %s)%n", site.size(),
                        (System.nanoTime() - start) / 1e9, outFile, bytes.length, ModelArtifactCodec.sha256Hex(bytes));
            }
        }
        return 0;
    }

    private static int predict(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly("model", "data", "threshold");
        ModelArtifact artifact = ModelFiles.artifact(Path.of(args.required("model")));
        Dataset data = ModelFiles.dataset(Path.of(args.required("data")), err);
        PredictionSettings settings = PredictionSettings.defaults()
                .withThreshold(args.doubleOption("threshold", PredictionSettings.defaults().thresholdTotalReePpmMol()));
        List<String> features = artifact.features().formulas();
        try (ScreeningModel model = artifact.load()) {
            List<LotPrediction> predictions = model.predictBatch(data.inputsMolPct(artifact.features()), null, settings);
            out.printf(Locale.ROOT, "%-16s %10s %10s %21s %8s %4s %-8s  %s%n", "sample", "lab", "predicted",
                    "90 % interval", "P(high)", "OOD", "by diff", "strongest attribution");
            for (int i = 0; i < data.size(); i++) {
                LotPrediction p = predictions.get(i);
                double[] phi = p.attributionsPpmMol();
                int top = 0;
                for (int j = 1; j < phi.length; j++) {
                    top = Math.abs(phi[j]) > Math.abs(phi[top]) ? j : top;
                }
                LabelledSample sample = data.get(i);
                String byDifference = sample.oxides().provenance().byDifference().map(MajorOxide::formula).orElse("-");
                out.printf(Locale.ROOT, "%-16s %10.1f %10.1f %10.1f – %8.1f %8.2f %4s %-8s  %s %+.1f%n",
                        sample.sampleId(), sample.totalReePpmMol(), p.total().meanPpmMol(), p.total().p05PpmMol(),
                        p.total().p95PpmMol(), p.probTotalAtOrAboveThreshold(), p.outOfDomain() ? "yes" : "no",
                        byDifference, features.get(top), phi[top]);
            }
            out.printf(Locale.ROOT, "total REE in ppm mol; P(high) = P(total >= %.0f ppm mol); OOD = outside the "
                    + "model's training domain; by diff = the oxide taken as 100 - sum(others) wt %% (not reported)%n",
                    settings.thresholdTotalReePpmMol());
            if (data.size() >= 2) {
                out.println(describe("scored against the file's lab values", HoldOutScores.score(model, data, settings)));
            }
        }
        return 0;
    }

    private static String describe(String what, HoldOutScores s) {
        return String.format(Locale.ROOT, "%s (%d rows): R² %.3f, MAPE %.1f %%, MAE/mean %.1f %%, IoU %.0f %%, "
                        + "precision %.0f %%, recall %.0f %%, 90 %% interval coverage %.0f %%", what, s.rows(), s.r2(),
                s.mapePct(), s.maeOverMeanPct(), 100 * s.screening().iou(), 100 * s.screening().precision(),
                100 * s.screening().recall(), 100 * s.coverage90());
    }
}
