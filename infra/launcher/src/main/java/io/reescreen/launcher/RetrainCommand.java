package io.reescreen.launcher;

import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.retrainer.replay.ReplayChampion;
import io.reescreen.retrainer.replay.RetrainReplay;
import io.reescreen.retrainer.replay.RetrainReport;
import io.reescreen.retrainer.training.RetrainingSettings;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.TrainingExample;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./reescreen retrain}: one retraining attempt, exactly as the retrainer service makes one, on the training
 * examples of a stretch of history; publishes the release only with {@code --publish}.
 */
@Command(name = "retrain",
        description = {"rebuild a model from training.examples history, judge it against the champion; --publish to release",
                "Reads training.examples from --from to --to (record times; offsets found per partition with",
                "offsetsForTimes; no consumer group, nothing committed), takes the model the screeners serve as the",
                "champion, and makes ONE retraining attempt as the retrainer service does: the champion/challenger",
                "gate on held-out examples, then, if accepted, the challenger trained on all of them.",
                "With --site S: only site S's examples, and S's attempt as the service makes it (a transfer from the",
                "base model, judged against S's model in force, else the base), released under N@S."},
        customSynopsis = {
                "./reescreen retrain --from T [--to T] [--site S] [--publish] [--model-name ree-mtnn] [--base-model FILE]",
                "                           [--out FILE] [--bootstrap-servers H:P] [--registry-url U]",
                "                           [--kafka-config FILE] [--registry-config FILE]",
                "                           [--min-examples 10] [--full-retrain-min-examples 200]",
                "                           [--gate-repetitions 5] [--gate-margin 0.05] [--seed 17]",
                "                           [--residual-folds 10]"},
        footer = {"Progress goes to stderr; the summary to stdout: examples read and skipped (with why), the time range,",
                "the champion, the gate's figures, the decision, and what was published. Exit status 0 when the",
                "attempt ran, accepted or rejected; 1 when it failed (or the release could not be written)."})
final class RetrainCommand implements Callable<Integer> {

    /** {@code --base-model synthetic}: the services' default synthetic bootstrap, trained here. */
    static final String SYNTHETIC = "synthetic";

    private final Terminal terminal;

    @Mixin
    private HistoryWindow history;

    @Option(names = "--publish", arity = "0..1", paramLabel = "true|false", description = {"send the accepted "
            + "challenger's release to models.releases (parent: the champion); without it nothing is written and the "
            + "summary says what would be"})
    private boolean publish;

    @Option(names = "--model-name", paramLabel = "N", defaultValue = "ree-mtnn",
            description = "the models.releases key (default ${DEFAULT-VALUE})")
    private String modelName;

    @Option(names = "--site", paramLabel = "S", description = "retrain site S's model on S's examples only "
            + "(release key N@S); without it, the base model on every example")
    private String site;

    @Option(names = "--base-model", paramLabel = "FILE", description = "the champion when models.releases has no "
            + "release of N in force (none yet, or a tombstone): the bootstrap model artifact the services were started "
            + "with; 'synthetic' trains the services' default synthetic bootstrap here (minutes)")
    private String baseModel;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the accepted challenger's model artifact "
            + "(e.g. for ./reescreen rescore --model-file FILE), published or not")
    private Path outFile;

    @Option(names = "--min-examples", paramLabel = "N",
            description = "reescreen.retrainer.min-examples (default: the service's, 10)")
    private Integer minExamples;

    @Option(names = "--full-retrain-min-examples", paramLabel = "N",
            description = "reescreen.retrainer.full-retrain-min-examples (default: the service's, 200)")
    private Integer fullRetrainMinExamples;

    @Option(names = "--gate-repetitions", paramLabel = "N",
            description = "reescreen.retrainer.gate.repetitions (default: the service's, 5)")
    private Integer gateRepetitions;

    @Option(names = "--gate-margin", paramLabel = "M",
            description = "reescreen.retrainer.gate.margin (default: the service's, 0.05)")
    private Double gateMargin;

    @Option(names = "--seed", paramLabel = "N", description = "reescreen.retrainer.seed (default: the service's, 17)")
    private Long seed;

    @Option(names = "--residual-folds", paramLabel = "N", description = "the transfer's cross-validation that widens "
            + "the intervals (default: the service's, 10); 0 skips it: about ten times faster, for a quick look")
    private Integer residualFolds;

    @Mixin
    private ClusterOptions cluster;

    RetrainCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        ReplayWindow window = history.window();
        RetrainingSettings settings;
        try {
            RetrainingSettings d = RetrainingSettings.defaults();
            settings = new RetrainingSettings(or(fullRetrainMinExamples, d.fullRetrainMinExamples()),
                    d.transfer().withResidualFolds(or(residualFolds, d.transfer().residualFolds())),
                    d.full(), or(gateRepetitions, d.gateRepetitions()), or(gateMargin, d.gateMargin()),
                    or(minExamples, d.minExamples()), or(seed, d.seed()));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        Optional<Path> outFile = Optional.ofNullable(this.outFile);
        Optional<Supplier<BootstrapModel>> base = Optional.ofNullable(baseModel).map(b -> b.equals(SYNTHETIC)
                ? () -> {
                    err.println("training the services' default SYNTHETIC bootstrap model (this takes minutes)...");
                    return BootstrapModel.trainSynthetic(BootstrapModel.SyntheticSpecification.DEFAULT);
                }
                : ReplayChampion.bootstrapFile(Optional.of(Path.of(b))).orElseThrow());
        KafkaConnection kafka = cluster.kafka();
        RegistrySerdes registry = new RegistrySerdes(cluster.registry(), true);
        Serde<ModelRelease> releases = registry.valueSerde(ModelRelease.class);
        RetrainReport report;
        try {
            report = RetrainReplay.run(new RetrainReplay.Request(modelName, window, publish, base, settings,
                            Optional.ofNullable(site)),
                    kafka, registry.valueSerde(TrainingExample.class).deserializer(),
                    releases.deserializer(), releases.serializer(), Clock.systemUTC(), err);
        } catch (IllegalArgumentException e) {
            // No champion, an unreadable base model: said plainly, without a stack trace.
            err.println("reescreen retrain: " + e.getMessage());
            return 1;
        }
        out.print(report.format());
        if (outFile.isPresent()) {
            Optional<byte[]> artifact = report.candidateArtifact();
            if (artifact.isPresent()) {
                Files.write(outFile.get(), artifact.get());
                out.printf("  %-12s  %s (%d bytes, sha256 %s)%n", "wrote", outFile.get(), artifact.get().length,
                        ModelArtifactCodec.sha256Hex(artifact.get()));
            } else {
                out.printf("  %-12s  nothing: no challenger was accepted%n", "--out");
            }
        }
        return report.publishFailed() ? 1 : 0;
    }

    private static <T> T or(T given, T serviceDefault) {
        return given != null ? given : serviceDefault;
    }
}
