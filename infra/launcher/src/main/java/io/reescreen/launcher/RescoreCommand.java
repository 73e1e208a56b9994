package io.reescreen.launcher;

import io.reescreen.replay.ReplayWindow;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.connect.KafkaConnection;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./reescreen rescore}: the lot compositions of a stretch of history scored again with a chosen model, by the
 * screener's own scoring code, into ree.predictions.rescored, and compared with the predictions made at the time.
 */
@Command(name = "rescore",
        description = {"re-score lot.compositions history with a model into ree.predictions.rescored, compared with the originals",
                "Reads lot.compositions from --from to --to (record times; offsets found per partition with",
                "offsetsForTimes; no consumer group, nothing committed), scores every composition record exactly as",
                "the screener scores a lot update, and writes one ReePrediction per record to",
                "ree.predictions.rescored (key lotId; headers name the run and the source record). Then compares",
                "each lot's latest rescored prediction with its latest original one on ree.predictions in the same",
                "window. With --site S: only site S's lots (the composition's site), --model is a release of S's",
                "model (key N@S), and the predictions name S as the site model."},
        customSynopsis = {
                "./reescreen rescore (--model VERSION | --model-file FILE) --from T [--to T] [--site S] [--model-name ree-mtnn]",
                "                           [--threshold 157] [--threshold-unit PPM_MOL|ELEMENT_PPM_MASS]",
                "                           [--alert-probability 0.5] [--bootstrap-servers H:P] [--registry-url U]",
                "                           [--kafka-config FILE] [--registry-config FILE]"},
        footer = {"Progress goes to stderr; the summary to stdout: compositions read, scored and skipped (with why), lots,",
                "the model, and the change against the original predictions (mean absolute and relative change of",
                "total REE, lots whose likely-high verdict changes)."})
final class RescoreCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(names = "--model", paramLabel = "VERSION",
            description = "a release of --model-name still on models.releases (checked as a screener checks it)")
    private String version;

    @Option(names = "--model-file", paramLabel = "FILE", description = "a model artifact file instead (named "
            + "bootstrap-file-<sha>, as a screener started with that file names it)")
    private Path modelFile;

    @Mixin
    private HistoryWindow history;

    @Option(names = "--model-name", paramLabel = "N", defaultValue = ScreenerSettings.DEFAULT_MODEL_NAME,
            description = "the models.releases key (default ${DEFAULT-VALUE})")
    private String modelName;

    @Option(names = "--site", paramLabel = "S", description = "only site S's lots, with S's model (--model: a release "
            + "of S's key N@S)")
    private String site;

    @Option(names = "--threshold", paramLabel = "X", description = "as the screener's "
            + "reescreen.screener.threshold.value (default 157): P(high) and the likely-high verdict")
    private Double threshold;

    @Option(names = "--threshold-unit", paramLabel = "UNIT", description = "PPM_MOL or ELEMENT_PPM_MASS, as "
            + "reescreen.screener.threshold.unit (default PPM_MOL)")
    private String thresholdUnit;

    @Option(names = "--alert-probability", paramLabel = "P", description = "as reescreen.screener.alert.probability "
            + "(default 0.5)")
    private Double alertProbability;

    @Mixin
    private ClusterOptions cluster;

    RescoreCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        if ((version == null) == (modelFile == null)) {
            throw new UsageError("give one of --model VERSION and --model-file FILE");
        }
        ReplayWindow window = history.window();
        ScreenerSettings settings;
        try {
            ScreenerSettings d = ScreenerSettings.defaults();
            double probability = alertProbability == null ? d.alertProbability() : alertProbability;
            settings = d.toBuilder().modelName(modelName)
                    .threshold(threshold == null ? d.threshold() : threshold, ThresholdUnit.valueOf(
                            (thresholdUnit == null ? d.thresholdUnit().name() : thresholdUnit).toUpperCase(Locale.ROOT)))
                    .alert(probability, Math.min(d.alertHysteresis(), probability / 2))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        KafkaConnection kafka = cluster.kafka();
        ScreenerSerdes serdes = ScreenerSerdes.fromRegistry(new RegistrySerdes(cluster.registry(), true));
        RescoreModel model;
        try {
            model = Rescorer.model(modelName, Optional.ofNullable(site), Optional.ofNullable(version), Optional.ofNullable(modelFile), kafka, serdes, err);
        } catch (IllegalArgumentException e) {
            // An unknown version, a release a screener refuses, an unreadable file: said plainly.
            err.println("reescreen rescore: " + e.getMessage());
            return 1;
        }
        try (model) {
            RescoreReport report = Rescorer.run(new Rescorer.Request(modelName, window, settings, Optional.ofNullable(site)), model,
                    kafka, serdes, err);
            out.print(report.format());
        }
        return 0;
    }
}
