package io.reescreen.launcher;

import io.reescreen.replay.ReplayWindow;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.screener.topology.ScreenerSerdes;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.predict.ThresholdUnit;
import io.reescreen.screener.rescore.RescoreModel;
import io.reescreen.screener.rescore.RescoreReport;
import io.reescreen.screener.rescore.Rescorer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./reescreen rescore}: the lot compositions of a stretch of history scored again with a chosen model, by the
 * screener's own scoring code, into ree.predictions.rescored, and compared with the predictions made at the time.
 */
final class RescoreCommand implements Command {

    @Override
    public String name() {
        return "rescore";
    }

    @Override
    public String summary() {
        return "re-score lot.compositions history with a model into ree.predictions.rescored, compared with the originals";
    }

    @Override
    public String usage() {
        return """
                Usage: ./reescreen rescore (--model VERSION | --model-file FILE) --from T [--to T] [--model-name ree-mtnn]
                                           [--threshold 157] [--threshold-unit PPM_MOL|ELEMENT_PPM_MASS]
                                           [--alert-probability 0.5] [--bootstrap-servers H:P] [--registry-url U]
                  Reads lot.compositions from --from to --to (record times; offsets found per partition with
                  offsetsForTimes; no consumer group, nothing committed), scores every composition record exactly as
                  the screener scores a lot update, and writes one ReePrediction per record to
                  ree.predictions.rescored (key lotId; headers name the run and the source record). Then compares
                  each lot's latest rescored prediction with its latest original one on ree.predictions in the same
                  window.
                  --model VERSION    a release of --model-name still on models.releases (checked as a screener
                                     checks it)
                  --model-file FILE  a model artifact file instead (named bootstrap-file-<sha>, as a screener
                                     started with that file names it)
                  --from T           beginning, or an ISO-8601 instant (2026-11-20T00:00:00Z) or date (2026-11-20 =
                                     start of that day, UTC); inclusive
                  --to T             end (default: the end offsets when the command starts), an instant or a date;
                                     exclusive
                  --threshold, --threshold-unit, --alert-probability
                                     as the screener's reescreen.screener.threshold.value / .threshold.unit /
                                     .alert.probability (defaults 157 PPM_MOL, 0.5): P(high) and the likely-high verdict
                  (cluster and registry default to $KAFKA_BOOTSTRAP_SERVERS and $SCHEMA_REGISTRY_URL)
                Progress goes to stderr; the summary to stdout: compositions read, scored and skipped (with why), lots,
                the model, and the change against the original predictions (mean absolute and relative change of
                total REE, lots whose likely-high verdict changes).""";
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly("model", "model-file", "from", "to", "model-name", "threshold", "threshold-unit",
                "alert-probability", "bootstrap-servers", "registry-url");
        Optional<String> version = args.option("model");
        Optional<Path> file = args.option("model-file").map(Path::of);
        if (version.isPresent() == file.isPresent()) {
            throw new CommandLine.UsageException("give one of --model VERSION and --model-file FILE");
        }
        String modelName = args.option("model-name").orElse(ScreenerSettings.DEFAULT_MODEL_NAME);
        ReplayWindow window;
        ScreenerSettings settings;
        try {
            window = ReplayWindow.parse(args.required("from"), args.option("to").orElse(null));
            ScreenerSettings d = ScreenerSettings.defaults();
            double probability = args.doubleOption("alert-probability", d.alertProbability());
            settings = d.toBuilder().modelName(modelName)
                    .threshold(args.doubleOption("threshold", d.threshold()), ThresholdUnit.valueOf(
                            args.option("threshold-unit").orElse(d.thresholdUnit().name()).toUpperCase(Locale.ROOT)))
                    .alert(probability, Math.min(d.alertHysteresis(), probability / 2))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        ClusterOptions cluster = ClusterOptions.of(args);
        ScreenerSerdes serdes = ScreenerSerdes.fromRegistry(new RegistrySerdes(cluster.registryUrl(), true));
        RescoreModel model;
        try {
            model = Rescorer.model(modelName, version, file, cluster.bootstrapServers(), serdes, err);
        } catch (IllegalArgumentException e) {
            // An unknown version, a release a screener refuses, an unreadable file: said plainly.
            err.println("reescreen rescore: " + e.getMessage());
            return 1;
        }
        try (model) {
            RescoreReport report = Rescorer.run(new Rescorer.Request(modelName, window, settings), model,
                    cluster.bootstrapServers(), serdes, err);
            out.print(report.format());
        }
        return 0;
    }
}
