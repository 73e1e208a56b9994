package io.reescreen.bench.retrainer;

import ai.djl.engine.Engine;
import io.reescreen.bench.BaseModel;
import io.reescreen.bench.BenchData;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.training.TrainedModel;
import io.reescreen.model.transfer.SiteSplit;
import io.reescreen.model.transfer.TransferReport;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;

/**
 * The retrainer benchmark of issue 5: the retrainer's code paths measured on real data. Each part of the report is
 * a {@link Section} run in order on one shared {@link Context} (the data, the fixed splits and the champion, which
 * is the model benchmark's base model); a further part (e.g. loop latency on the embedded broker) is one more
 * section in the list. Writes one Markdown report; asserts nothing.
 */
public final class RetrainerBenchmark {

    /**
     * @param dataDir the shared data folder (read by path, never copied)
     * @param splits  how many of the seeded splits (seed0, seed1, … in file order) to run; the paper's own split
     *                is run besides and reported apart
     * @param command the command line that produced the report, for the report's header
     */
    public record Settings(Path dataDir, int splits, String command) {
        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(command, "command");
            if (splits < 1) {
                throw new IllegalArgumentException("--splits must be >= 1, got " + splits);
            }
        }
    }

    /**
     * What every section may use.
     *
     * @param site       the 12 Polish fly ashes (Franus 2015), measured
     * @param splits     the seeded splits asked for, then the paper's split when the file has it
     * @param champion   the model benchmark's base model, as the retrainer's champion
     * @param prediction the prediction settings every score uses
     */
    public record Context(Settings settings, BenchData data, Dataset site, List<SiteSplit> splits, ModelArtifact champion,
                          PredictionSettings prediction, PrintStream progress) {
    }

    /** One part of the report. */
    public interface Section {
        /** Runs the measurements; returns the section's Markdown, starting with its {@code ## } heading. */
        String run(Context context) throws Exception;
    }

    private final Settings settings;
    private final PrintStream progress;
    private final List<Section> sections;

    /** The default sections: (a) the transfer protocol through the retrainer's code path, with its gate and timings. */
    public RetrainerBenchmark(Settings settings, PrintStream progress) {
        this(settings, progress, List.of(new TransferThroughRetrainer()));
    }

    public RetrainerBenchmark(Settings settings, PrintStream progress, List<Section> sections) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.sections = List.copyOf(sections);
    }

    public String run() throws Exception {
        long started = System.nanoTime();
        BenchData data = new BenchData(settings.dataDir());
        Dataset teacher = data.read(BenchData.TEACHER);
        Dataset site = data.read(BenchData.FRANUS);
        List<SiteSplit> splits = selectSplits(data.splits(), settings.splits());
        PredictionSettings prediction = PredictionSettings.defaults();

        StringBuilder md = new StringBuilder();
        md.append("# Retrainer benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d CPU cores, Java %s, DJL engine %s %s, device %s. Data: `%s`.%n%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(), Engine.getInstance().defaultDevice(),
                settings.dataDir()));
        md.append("Command: `").append(settings.command()).append("`\n\n");

        double loadAtStart = loadAverage();
        DoubleAccumulator maxLoad = new DoubleAccumulator(Math::max, loadAtStart);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> maxLoad.accumulate(loadAverage()), 5, 5, TimeUnit.SECONDS);
        try {
            runSections(md, teacher, site, data, splits, prediction);
        } finally {
            sampler.shutdownNow();
        }
        md.append(String.format(Locale.ROOT, "Whole run: %.0f s. System load average (1 min) on the %d cores: %.2f at the "
                        + "start, %.2f at most during the run (sampled every 5 s), %.2f at the end; a load above the core count "
                        + "means other processes shared the CPU, which shows in the timings' upper tails, not in the "
                        + "accuracy figures.%n", (System.nanoTime() - started) / 1e9, Runtime.getRuntime().availableProcessors(),
                loadAtStart, maxLoad.get(), loadAverage()));
        return md.toString();
    }

    private void runSections(StringBuilder md, Dataset teacher, Dataset site, BenchData data, List<SiteSplit> splits,
                             PredictionSettings prediction) throws Exception {
        progress.println("training the champion (the model benchmark's base model) on " + teacher.size() + " teacher-labelled rows");
        long t0 = System.nanoTime();
        try (TrainedModel base = BaseModel.train(teacher, prediction)) {
            double baseSeconds = (System.nanoTime() - t0) / 1e9;
            md.append(String.format(Locale.ROOT, "Champion: the model benchmark's base model, trained here the same way "
                    + "(`BaseModel.train`, shared with `bench model`): %s; %.1f s.%n%n", BaseModel.DESCRIPTION, baseSeconds));
            Context context = new Context(settings, data, site, splits, base.artifact(), prediction, progress);
            for (Section section : sections) {
                md.append(section.run(context));
            }
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The first {@code count} seeded splits in file order, then the paper's own. */
    public static List<SiteSplit> selectSplits(List<SiteSplit> all, int count) throws IOException {
        List<SiteSplit> seeded = all.stream().filter(s -> !s.id().equals(TransferReport.PAPER_SPLIT_ID)).toList();
        if (count > seeded.size()) {
            throw new IllegalArgumentException("--splits " + count + ": the splits file has " + seeded.size() + " seeded splits");
        }
        List<SiteSplit> out = new ArrayList<>(seeded.subList(0, count));
        all.stream().filter(s -> s.id().equals(TransferReport.PAPER_SPLIT_ID)).findFirst().ifPresent(out::add);
        return out;
    }
}
