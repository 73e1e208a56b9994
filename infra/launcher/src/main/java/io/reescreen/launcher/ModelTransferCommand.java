package io.reescreen.launcher;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.transfer.SiteTransfer;
import io.reescreen.model.transfer.TransferProtocol;
import io.reescreen.model.transfer.TransferReport;
import io.reescreen.model.transfer.TransferSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./reescreen model transfer}: a base model adapted to a site's rows, evaluated over splits or written. */
@Command(name = "transfer",
        description = {"transfer a model to a site's rows: evaluated over fixed splits, or written as a new model",
                "with --splits: the transfer protocol over fixed splits of F (train rows / test rows,",
                "as ../shared/data/reference/franus_splits.csv); with --out: transfers on every row of F",
                "and writes the new artifact M2"})
final class ModelTransferCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(names = "--base", paramLabel = "M", required = true, description = "the model artifact to start from")
    private Path basePath;

    @Option(names = "--data", paramLabel = "F", required = true, description = "the site's dataset file")
    private Path data;

    @Option(names = "--splits", paramLabel = "S", description = "fixed splits of F: evaluate the protocol on them")
    private Path splitsFile;

    @Option(names = "--out", paramLabel = "M2", description = "write the model transferred on every row of F")
    private Path outFile;

    @Option(names = "--epochs", paramLabel = "N", description = "transfer epochs (default 150)")
    private Integer epochs;

    @Option(names = "--learning-rate", paramLabel = "R", description = "(default 1e-2)")
    private Double learningRate;

    @Option(names = "--anchor", paramLabel = "A", description = "L2-SP strength pulling towards the base (default 1)")
    private Double anchor;

    ModelTransferCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        if (splitsFile == null && outFile == null) {
            throw new UsageError("give --splits (evaluate the protocol), --out (write a transferred model), or both");
        }
        ModelArtifact base = ModelFiles.artifact(basePath);
        Dataset site = ModelFiles.dataset(data, err);
        TransferSettings defaults = TransferSettings.defaults();
        TransferSettings settings = defaults.withEpochs(epochs == null ? defaults.epochs() : epochs)
                .withLearningRate(learningRate == null ? defaults.learningRate() : learningRate.floatValue())
                .withAnchorStrength(anchor == null ? defaults.anchorStrength() : anchor.floatValue());
        if (splitsFile != null) {
            var splits = ModelFiles.splits(splitsFile);
            TransferReport report = new TransferProtocol(settings, PredictionSettings.defaults()).run(base, site, splits,
                    (o, done, of) -> err.printf(Locale.ROOT, "split %s (%d/%d): R² %.3f -> %.3f, MAPE %.1f %% -> %.1f %%, %.2f s%n",
                            o.split().id(), done, of, o.zeroShot().r2(), o.transferred().r2(), o.zeroShot().mapePct(),
                            o.transferred().mapePct(), o.transferSeconds()));
            out.print(report.format());
        }
        if (outFile != null) {
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
}
