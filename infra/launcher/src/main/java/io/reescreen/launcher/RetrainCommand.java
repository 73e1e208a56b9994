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
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * {@code ./reescreen retrain}: one retraining attempt, exactly as the retrainer service makes one, on the training
 * examples of a stretch of history; publishes the release only with {@code --publish}.
 */
final class RetrainCommand implements Command {

    /** {@code --base-model synthetic}: the services' default synthetic bootstrap, trained here. */
    static final String SYNTHETIC = "synthetic";

    @Override
    public String name() {
        return "retrain";
    }

    @Override
    public String summary() {
        return "rebuild a model from training.examples history, judge it against the champion; --publish to release";
    }

    @Override
    public String usage() {
        return """
                Usage: ./reescreen retrain --from T [--to T] [--publish] [--model-name ree-mtnn] [--base-model FILE]
                                           [--out FILE] [--bootstrap-servers H:P] [--registry-url U]
                                           [--min-examples 10] [--full-retrain-min-examples 200]
                                           [--gate-repetitions 5] [--gate-margin 0.05] [--seed 17]
                                           [--residual-folds 10]
                  Reads training.examples from --from to --to (record times; offsets found per partition with
                  offsetsForTimes; no consumer group, nothing committed), takes the model the screeners serve as the
                  champion, and makes ONE retraining attempt as the retrainer service does: the champion/challenger
                  gate on held-out examples, then, if accepted, the challenger trained on all of them.
                  --from T           beginning, or an ISO-8601 instant (2026-11-20T00:00:00Z) or date (2026-11-20 =
                                     start of that day, UTC); inclusive
                  --to T             end (default: the end offsets when the command starts), an instant or a date;
                                     exclusive
                  --publish          send the accepted challenger's release to models.releases (parent: the
                                     champion); without it nothing is written and the summary says what would be
                  --model-name N     the models.releases key (default ree-mtnn)
                  --base-model FILE  the champion when models.releases has no release of N in force (none yet, or
                                     a tombstone): the bootstrap model artifact the services were started with;
                                     'synthetic' trains the services' default synthetic bootstrap here (minutes)
                  --out FILE         also write the accepted challenger's model artifact (e.g. for
                                     ./reescreen rescore --model-file FILE), published or not
                  --min-examples ... --seed
                                     the retrainer service's settings (reescreen.retrainer.min-examples,
                                     .full-retrain-min-examples, .gate.repetitions, .gate.margin, .seed); defaults are
                                     the service's
                  --residual-folds N the transfer's cross-validation that widens the intervals (default 10, as the
                                     service); 0 skips it: about ten times faster, for a quick look
                  (cluster and registry default to $KAFKA_BOOTSTRAP_SERVERS and $SCHEMA_REGISTRY_URL)
                Progress goes to stderr; the summary to stdout: examples read and skipped (with why), the time range,
                the champion, the gate's figures, the decision, and what was published. Exit status 0 when the
                attempt ran, accepted or rejected; 1 when it failed (or the release could not be written).""";
    }

    @Override
    public Set<String> flags() {
        return Set.of("publish");
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly("from", "to", "publish", "model-name", "base-model", "out", "bootstrap-servers", "registry-url",
                "min-examples", "full-retrain-min-examples", "gate-repetitions", "gate-margin", "seed", "residual-folds");
        ReplayWindow window;
        RetrainingSettings settings;
        try {
            window = ReplayWindow.parse(args.required("from"), args.option("to").orElse(null));
            RetrainingSettings d = RetrainingSettings.defaults();
            settings = new RetrainingSettings(args.intOption("full-retrain-min-examples", d.fullRetrainMinExamples()),
                    d.transfer().withResidualFolds(args.intOption("residual-folds", d.transfer().residualFolds())),
                    d.full(), args.intOption("gate-repetitions", d.gateRepetitions()),
                    args.doubleOption("gate-margin", d.gateMargin()), args.intOption("min-examples", d.minExamples()),
                    args.longOption("seed", d.seed()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        boolean publish = args.flag("publish");
        Optional<Path> outFile = args.option("out").map(Path::of);
        String modelName = args.option("model-name").orElse("ree-mtnn");
        Optional<Supplier<BootstrapModel>> base = args.option("base-model").map(b -> b.equals(SYNTHETIC)
                ? () -> {
                    err.println("training the services' default SYNTHETIC bootstrap model (this takes minutes)...");
                    return BootstrapModel.trainSynthetic(BootstrapModel.SyntheticSpecification.DEFAULT);
                }
                : ReplayChampion.bootstrapFile(Optional.of(Path.of(b))).orElseThrow());
        ClusterOptions cluster = ClusterOptions.of(args);
        RegistrySerdes registry = new RegistrySerdes(cluster.registryUrl(), true);
        Serde<ModelRelease> releases = registry.valueSerde(ModelRelease.class);
        RetrainReport report;
        try {
            report = RetrainReplay.run(new RetrainReplay.Request(modelName, window, publish, base, settings),
                    cluster.bootstrapServers(), registry.valueSerde(TrainingExample.class).deserializer(),
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
}
