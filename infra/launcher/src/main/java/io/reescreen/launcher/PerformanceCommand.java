package io.reescreen.launcher;

import io.reescreen.replay.ProgressPrinter;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.retrainer.performance.PerformanceReport;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./reescreen performance}: the realised-accuracy table from models.performance history. */
@Command(name = "performance",
        description = {"the realised accuracy per site and model version, from models.performance history",
                "Reads models.performance (each lab result compared with the prediction served for its lot before it,",
                "written by the retrainer) from --from to --to, read_committed, no consumer group, and prints per site",
                "and model version: comparisons, MAE/mean, MAPE, 90 %% interval coverage, mean interval width,",
                "precision and recall at the screening threshold, and the outcomes behind them (TP/FP/FN/TN)."},
        customSynopsis = {"./reescreen performance --from T [--to T] [--site S] [--bootstrap-servers H:P] [--registry-url U]",
                "                           [--kafka-config FILE] [--registry-config FILE]"},
        footer = {"Progress goes to stderr, the table to stdout. Exit status 0 when the history was read (a window",
                "without comparisons prints an empty table); 2 on a user error."})
final class PerformanceCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Terminal terminal;

    @Mixin
    private HistoryWindow history;

    @Option(names = "--site", paramLabel = "S", description = "only this site's comparisons (LotInfo.siteId)")
    private String site;

    @Mixin
    private ClusterOptions cluster;

    PerformanceCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        ReplayWindow window = history.window();
        KafkaConnection kafka = cluster.kafka();
        Deserializer<ModelPerformance> values = new RegistrySerdes(cluster.registry(), false)
                .valueSerde(ModelPerformance.class).deserializer();
        String topic = Topics.MODEL_PERFORMANCE.name();
        List<ModelPerformance> comparisons = new ArrayList<>();
        long[] skipped = {0};
        err.printf("reading %s, %s...%n", topic, window.describe());
        try (KafkaConsumer<byte[], byte[]> consumer = TopicWindowReader.consumer(kafka, "reescreen-performance")) {
            TopicWindowReader reader = new TopicWindowReader(consumer, TIMEOUT);
            reader.read(topic, reader.ranges(topic, window), r -> {
                try {
                    comparisons.add(values.deserialize(r.topic(), r.headers(), r.value()));
                } catch (RuntimeException e) {
                    skipped[0]++; // a tombstone or a record this build cannot read; counted below
                }
            }, new ProgressPrinter(err, 1000));
        }
        if (skipped[0] > 0) {
            err.printf("%d records of %s not read as comparisons (tombstones or undecodable)%n", skipped[0], topic);
        }
        PerformanceReport.lines(comparisons, site).forEach(out::println);
        return 0;
    }
}
