package io.reescreen.launcher;

import io.reescreen.bench.board.BoardBenchmark;
import io.reescreen.bench.faults.FaultsBenchmark;
import io.reescreen.bench.memory.MemoryBenchmark;
import io.reescreen.bench.model.ModelBenchmark;
import io.reescreen.bench.retrainer.LoopLatency;
import io.reescreen.bench.retrainer.RetrainerBenchmark;
import io.reescreen.bench.retrainer.TransferThroughRetrainer;
import io.reescreen.bench.sites.PolishSiteTransfer;
import io.reescreen.bench.sites.SitesBenchmark;
import io.reescreen.bench.streaming.StreamingBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./reescreen bench model|streaming|memory|retrainer|faults|sites|board}: runs a benchmark and writes its Markdown report to a file. */
@Command(name = "bench",
        description = "run a benchmark (model, streaming, memory, retrainer, faults, sites, board) and write its report to infra/bench/results/",
        customSynopsis = {
                "./reescreen bench model [--data-dir D] [--repetitions 30] [--training-runs 3] [--out F]",
                "       ./reescreen bench streaming [--readings 10000] [--rate 1000] [--seconds 30] [--repetitions 3]",
                "                                   [--lots 200] [--short-commit-ms 10]",
                "                                   [--prediction-interval PT0.02S] [--stream-threads 1] [--instances 1]",
                "                                   [--out F]",
                "       ./reescreen bench memory [--lots 100000] [--readings-per-lot 1] [--sites 20] [--heap 1g] [--out F]",
                "       ./reescreen bench retrainer [--data-dir D] [--splits 30] [--loops 5] [--lab-results 30] [--out F]",
                "       ./reescreen bench faults [--kills 3] [--rate 20] [--scenarios S,...] [--out F]",
                "       ./reescreen bench sites [--seeds 3] [--lots 24] [--new-lots 24] [--data-dir D] [--splits 30] [--out F]",
                "       ./reescreen bench board [--alerts 200] [--spacing-ms 150] [--lots 2000] [--repetitions 5] [--out F]",
                "(./reescreen bench <benchmark> --help for what each measures and its options)"},
        subcommands = {BenchCommand.Model.class, BenchCommand.Streaming.class, BenchCommand.Memory.class,
                BenchCommand.Retrainer.class,
                BenchCommand.Faults.class, BenchCommand.Sites.class, BenchCommand.Board.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new UsageError("name the benchmark: " + CommandErrors.names(spec.commandLine()));
    }

    /** Where a report goes: --out, else infra/bench/results/NAME.md in the checkout. */
    static Path reportFile(Path out, String name) {
        return out != null ? out : home().resolve("infra/bench/results/" + name + ".md");
    }

    /** --data-dir, else $REESCREEN_DATA_DIR, else ../shared/data beside the checkout. */
    static Path dataDir(Path given) {
        return Optional.ofNullable(given)
                .or(() -> Optional.ofNullable(System.getenv("REESCREEN_DATA_DIR")).map(Path::of))
                .orElse(home().resolve("../shared/data").normalize());
    }

    private static Path home() {
        return Path.of(System.getProperty("reescreen.home", "."));
    }

    /** Writes the report, prints it and where it went. */
    static int write(Terminal terminal, String report, Path outFile) throws IOException {
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        Files.writeString(outFile, report);
        terminal.out().print(report);
        terminal.out().println("wrote " + outFile);
        return 0;
    }

    @Command(name = "model",
            description = {"the model benchmark: accuracy, transfer, the paper's table, timings; writes infra/bench/results/model.md",
                    "(a) train on the teacher-labelled 99 rows, zero-shot on the real Polish and US rows; (b) transfer to "
                    + "the Polish ashes over the fixed splits; (c) the paper's comparison table (--repetitions, 0 skips "
                    + "it); (d) CPU/GPU timings of training, transfer, prediction. Takes about 10 minutes on 2 cores with "
                    + "30 repetitions."})
    static final class Model implements Callable<Integer> {

        private final Terminal terminal;

        @Option(names = "--data-dir", paramLabel = "D",
                description = "the shared data (default: $REESCREEN_DATA_DIR, else ../shared/data beside the checkout)")
        private Path dataDir;

        @Option(names = "--repetitions", paramLabel = "N", defaultValue = "30",
                description = "repetitions of the paper's comparison (default ${DEFAULT-VALUE}; 0 skips it)")
        private int repetitions;

        @Option(names = "--training-runs", paramLabel = "N", defaultValue = "3",
                description = "timed training runs (default ${DEFAULT-VALUE})")
        private int trainingRuns;

        @Option(names = "--out", paramLabel = "F",
                description = "report file (default: infra/bench/results/model.md in the checkout)")
        private Path out;

        Model(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Path outFile = reportFile(out, "model");
            String report = new ModelBenchmark(new ModelBenchmark.Settings(dataDir(dataDir), repetitions, trainingRuns),
                    terminal.err()).run();
            return write(terminal, report, outFile);
        }
    }

    @Command(name = "streaming",
            description = {"throughput and latency on the embedded broker; writes infra/bench/results/streaming.md",
                    "End to end on the embedded broker and registry. Sustained readings/s through the screener and "
                    + "through a pass-through topology (the ceiling), then produce-to-prediction latency p50/p99 at a paced "
                    + "rate, at the default and at a short commit interval. Takes about 4 minutes on 2 cores with the "
                    + "defaults. --stream-threads N and --instances N add a phase each: the screener and the pass-through "
                    + "with N stream threads, or N instances sharing the partitions, throughput and latency at --rate."})
    static final class Streaming implements Callable<Integer> {

        private final Terminal terminal;

        @Option(names = "--readings", paramLabel = "N", defaultValue = "10000",
                description = "readings per throughput repetition (default ${DEFAULT-VALUE})")
        private int readings;

        @Option(names = "--rate", paramLabel = "R", defaultValue = "1000",
                description = "readings/s of the paced latency runs (default ${DEFAULT-VALUE})")
        private double rate;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "30",
                description = "length of each paced latency run (default ${DEFAULT-VALUE})")
        private int seconds;

        @Option(names = "--repetitions", paramLabel = "N", defaultValue = "3",
                description = "throughput repetitions (default ${DEFAULT-VALUE})")
        private int repetitions;

        @Option(names = "--lots", paramLabel = "N", defaultValue = "200", description = "lots (default ${DEFAULT-VALUE})")
        private int lots;

        @Option(names = "--short-commit-ms", paramLabel = "MS", defaultValue = "10",
                description = "the short commit interval (default ${DEFAULT-VALUE})")
        private int shortCommitMs;

        @Option(names = "--prediction-interval", paramLabel = "DURATION",
                description = "the screener's coalescing interval, e.g. PT0.02S (default: its configured one)")
        private String predictionInterval;

        @Option(names = "--stream-threads", paramLabel = "N", defaultValue = "1", description = "above 1: one more "
                + "phase, the screener and the pass-through with N stream threads (at most 3, the partitions; default "
                + "${DEFAULT-VALUE})")
        private int streamThreads;

        @Option(names = "--instances", paramLabel = "N", defaultValue = "1", description = "above 1: one more phase, N "
                + "screeners and N pass-throughs sharing the partitions under one application.id each (at most 3; "
                + "default ${DEFAULT-VALUE})")
        private int instances;

        @Option(names = "--out", paramLabel = "F",
                description = "report file (default: infra/bench/results/streaming.md in the checkout)")
        private Path out;

        Streaming(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Path outFile = reportFile(out, "streaming");
            StreamingBenchmark.Settings settings;
            try {
                settings = new StreamingBenchmark.Settings(readings, rate, seconds, repetitions, lots, shortCommitMs,
                        predictionInterval, streamThreads, instances);
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            return write(terminal, new StreamingBenchmark(settings, terminal.err()).run(), outFile);
        }
    }

    @Command(name = "memory",
            description = {"a screener's heap and RSS with many lots, and with many site models; writes "
                    + "infra/bench/results/memory.md",
                    "./reescreen screener as a process of its own against the embedded broker and registry, with a fixed "
                    + "pre-touched heap and Native Memory Tracking: measured idle, then (a) after N lots went through "
                    + "its topology (their LotInfo and readings; done when the predictions cover every reading), and, "
                    + "in a second screener, (b) after M site models were released to it; after a full GC: heap used, "
                    + "RSS, the JVM's committed memory besides the heap, and the RSS outside it (RocksDB, PyTorch). "
                    + "About 5-10 minutes on 2 cores with the defaults."})
    static final class Memory implements Callable<Integer> {

        private final Terminal terminal;

        @Option(names = "--lots", paramLabel = "N", defaultValue = "100000",
                description = "lots fed to the first screener (default ${DEFAULT-VALUE}; 0 skips it)")
        private int lots;

        @Option(names = "--readings-per-lot", paramLabel = "N", defaultValue = "1",
                description = "readings per lot (default ${DEFAULT-VALUE})")
        private int readingsPerLot;

        @Option(names = "--sites", paramLabel = "N", defaultValue = "20",
                description = "site models released to the second screener (default ${DEFAULT-VALUE}; 0 skips it)")
        private int sites;

        @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "1g",
                description = "the screeners' -Xms and -Xmx (default ${DEFAULT-VALUE})")
        private String heap;

        @Option(names = "--out", paramLabel = "F",
                description = "report file (default: infra/bench/results/memory.md in the checkout)")
        private Path out;

        @Spec
        private CommandSpec spec;

        Memory(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Path outFile = reportFile(out, "memory");
            MemoryBenchmark.Settings settings;
            try {
                settings = new MemoryBenchmark.Settings(lots, readingsPerLot, sites, heap, asTyped(spec));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            return write(terminal, new MemoryBenchmark(settings, terminal.err()).run(), outFile);
        }
    }

    @Command(name = "retrainer",
            description = {"the retrainer's code path and the retrain loop's latency; writes infra/bench/results/retrainer.md",
                    "The model benchmark's transfer protocol on the real Polish ashes, with each split's 6 training lots "
                    + "sent through the retrainer's code path (lab result + composition -> training example -> "
                    + "ExampleDataset -> ChallengerTrainer), beside the model library's figures on the same splits; what "
                    + "the champion/challenger gate decides on those 6 examples; the time of each retraining. Then (b) the "
                    + "loop on the embedded broker: screener and retrainer side by side, N lab results from an offset site, "
                    + "the time from the N-th to the first prediction by the new model, and the error before and after. "
                    + "Takes about 5 minutes on 2 otherwise idle cores with the defaults."})
    static final class Retrainer implements Callable<Integer> {

        private final Terminal terminal;

        @Option(names = "--data-dir", paramLabel = "D",
                description = "the shared data (default: $REESCREEN_DATA_DIR, else ../shared/data beside the checkout)")
        private Path dataDir;

        @Option(names = "--splits", paramLabel = "N", defaultValue = "30", description = "how many of the fixed seeded "
                + "splits to run (default ${DEFAULT-VALUE}; the paper's own split runs besides)")
        private int splits;

        @Option(names = "--loops", paramLabel = "N", defaultValue = "5",
                description = "fresh loops measured in (b) (default ${DEFAULT-VALUE}); 0 skips (b)")
        private int loops;

        @Option(names = "--lab-results", paramLabel = "N", defaultValue = "30", description = "N, the lab results per "
                + "loop and the retrainer's retrain-every (>= 10; default ${DEFAULT-VALUE})")
        private int labResults;

        @Option(names = "--out", paramLabel = "F",
                description = "report file (default: infra/bench/results/retrainer.md in the checkout)")
        private Path out;

        @Spec
        private CommandSpec spec;

        Retrainer(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Path outFile = reportFile(out, "retrainer");
            RetrainerBenchmark.Settings settings;
            List<RetrainerBenchmark.Section> sections = new ArrayList<>(List.of(new TransferThroughRetrainer()));
            try {
                settings = new RetrainerBenchmark.Settings(dataDir(dataDir), splits, asTyped(spec));
                if (loops > 0) {
                    sections.add(new LoopLatency(loops, labResults));
                }
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            return write(terminal, new RetrainerBenchmark(settings, terminal.err(), sections).run(), outFile);
        }
    }

    @Command(name = "faults",
            description = {"kills, restarts and a corrupt release on real processes; writes infra/bench/results/faults.md",
                    "./reescreen stack, screener and retrainer as processes of their own on a temporary folder, faulted "
                    + "for real while a probe sends known readings and lab results: the screener kill -9 N times and "
                    + "SIGTERM once, the retrainer kill -9 once, the registry's process kill -9 and a new one started, a "
                    + "corrupt release compacted over a good one and the screener restarted; then exact counts read with "
                    + "read_committed, and the times to output again"})
    static final class Faults implements Callable<Integer> {

        private final Terminal terminal;

        @Option(names = "--kills", paramLabel = "N", defaultValue = "3",
                description = "screener kill -9s, each restarted at once (default ${DEFAULT-VALUE})")
        private int kills;

        @Option(names = "--rate", paramLabel = "R", defaultValue = "20",
                description = "probe readings/s (default ${DEFAULT-VALUE})")
        private double rate;

        @Option(names = "--scenarios", paramLabel = "S,...", description = "a subset of "
                + "kills,sigterm,retrainer,registry,release (default: all; retrainer needs kills or sigterm)")
        private String scenarios;

        @Option(names = "--out", paramLabel = "F",
                description = "report file (default: infra/bench/results/faults.md in the checkout)")
        private Path out;

        @Spec
        private CommandSpec spec;

        Faults(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Path outFile = reportFile(out, "faults");
            FaultsBenchmark.Settings settings;
            try {
                settings = new FaultsBenchmark.Settings(kills, rate, asTyped(spec), scenarios == null
                        ? Set.copyOf(FaultsBenchmark.Settings.SCENARIOS) : Set.of(scenarios.split(",")));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            return write(terminal, new FaultsBenchmark(settings, terminal.err()).run(), outFile);
        }
    }

    @Command(name = "sites",
            description = {"one global model or a model per site, on three sites; writes infra/bench/results/sites.md",
                    "Issue 12's scenario on the embedded broker and registry, screener and retrainer in-process: three "
                    + "sites whose labs read 0.75, 1.35 and 1.0 x the base model's truth; N lab results per site arrive "
                    + "interleaved or site by site; the retrainer keeps one global model (site-models=false) or one per "
                    + "site; per site, total-REE MAE/mean, 90 % coverage and interval width before and after on new "
                    + "lots, and the time from a site's N-th lab result to its first prediction by a new model. Each "
                    + "run on a fresh broker: 4 runs per seed."})
    static final class Sites implements Callable<Integer> {

        private final Terminal terminal;

        @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
                description = "seeds, each run under both strategies and both orders (default ${DEFAULT-VALUE})")
        private int seeds;

        @Option(names = "--lots", paramLabel = "N", defaultValue = "24", description = "lots with a lab result per site, "
                + "and the retrainer's retrain-every (>= 10; default ${DEFAULT-VALUE})")
        private int lots;

        @Option(names = "--new-lots", paramLabel = "N", defaultValue = "24",
                description = "new lots per site scored before and after (default ${DEFAULT-VALUE})")
        private int newLots;

        @Option(names = "--data-dir", paramLabel = "D",
                description = "the shared data, for the Polish protocol as site PL (default: $REESCREEN_DATA_DIR, else "
                        + "../shared/data; the section is skipped when absent)")
        private Path dataDir;

        @Option(names = "--splits", paramLabel = "N", defaultValue = "30", description = "how many of the fixed seeded "
                + "Polish splits to run as site PL (default ${DEFAULT-VALUE}; 0 skips the section; the paper's own split "
                + "runs besides)")
        private int splits;

        @Option(names = "--out", paramLabel = "F",
                description = "report file (default: infra/bench/results/sites.md in the checkout)")
        private Path out;

        @Spec
        private CommandSpec spec;

        Sites(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Path outFile = reportFile(out, "sites");
            SitesBenchmark.Settings settings;
            try {
                settings = new SitesBenchmark.Settings(seeds, lots, newLots, asTyped(spec));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            if (splits < 0) {
                throw new UsageError("--splits must be >= 0, got " + splits);
            }
            Path data = dataDir(dataDir);
            List<SitesBenchmark.Section> sections = splits == 0 ? List.of()
                    : List.of(progress -> PolishSiteTransfer.withRetrainerDefaults(progress).markdownSection(data, splits));
            return write(terminal, new SitesBenchmark(settings, terminal.err(), sections).run(), outFile);
        }
    }

    @Command(name = "board",
            description = {"the yard board in headless Chromium; writes infra/bench/results/board.md",
                    "On the embedded broker and registry with a screener in-process: (a) alerts committed one by one "
                    + "(one transaction each) on ree.alerts while the board is open, and the time to each card's "
                    + "appearance in the page, median/p90/p99/max; (b) N lots on the board, and the time the page takes "
                    + "to fill the lots table, and each sort click, site and verdict filter, 'show more' and refresh "
                    + "to the next rendered frame, measured in the browser. Needs Chromium and "
                    + "chromedriver (Debian: chromium, chromium-driver). About 2 minutes."})
    static final class Board implements Callable<Integer> {

        private final Terminal terminal;

        @Option(names = "--alerts", paramLabel = "N", defaultValue = "200",
                description = "alerts committed while the board is open (default ${DEFAULT-VALUE})")
        private int alerts;

        @Option(names = "--spacing-ms", paramLabel = "MS", defaultValue = "150",
                description = "ms between two alerts' commits (default ${DEFAULT-VALUE})")
        private long spacingMs;

        @Option(names = "--lots", paramLabel = "N", defaultValue = "2000",
                description = "lots on the board for the table's timings (default ${DEFAULT-VALUE})")
        private int lots;

        @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5",
                description = "page loads measured, and sort clicks per column (default ${DEFAULT-VALUE})")
        private int repetitions;

        @Option(names = "--out", paramLabel = "F",
                description = "report file (default: infra/bench/results/board.md in the checkout)")
        private Path out;

        @Spec
        private CommandSpec spec;

        Board(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Path outFile = reportFile(out, "board");
            BoardBenchmark.Settings settings;
            try {
                if (spacingMs < 0) {
                    throw new IllegalArgumentException("--spacing-ms must be >= 0, got " + spacingMs);
                }
                settings = new BoardBenchmark.Settings(alerts, Duration.ofMillis(spacingMs), lots, repetitions,
                        asTyped(spec));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            return write(terminal, new BoardBenchmark(settings, terminal.err()).run(), outFile);
        }
    }

    /** The command as given, for the report to quote: {@code ./reescreen bench faults --kills 1}, options given only. */
    private static String asTyped(CommandSpec spec) {
        // The root command is named "./reescreen" already.
        StringBuilder command = new StringBuilder(spec.qualifiedName());
        ParseResult parsed = spec.commandLine().getParseResult();
        for (OptionSpec option : spec.options()) {
            if (parsed.hasMatchedOption(option)) {
                command.append(' ').append(option.longestName()).append(' ')
                        .append(String.join(" ", option.originalStringValues()));
            }
        }
        return command.toString();
    }
}
