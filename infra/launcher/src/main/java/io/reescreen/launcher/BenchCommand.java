package io.reescreen.launcher;

import io.reescreen.bench.faults.FaultsBenchmark;
import io.reescreen.bench.model.ModelBenchmark;
import io.reescreen.bench.retrainer.LoopLatency;
import io.reescreen.bench.retrainer.RetrainerBenchmark;
import io.reescreen.bench.retrainer.TransferThroughRetrainer;
import io.reescreen.bench.streaming.StreamingBenchmark;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code ./reescreen bench model|streaming|retrainer|faults}: runs a benchmark and writes its Markdown report to a file. */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "run a benchmark (model, streaming, retrainer, faults) and write its report to infra/bench/results/";
    }

    @Override
    public String usage() {
        return """
                Usage: ./reescreen bench model [--data-dir D] [--repetitions 30] [--training-runs 3] [--out F]
                  model   (a) train on the teacher-labelled 99 rows, zero-shot on the real Polish and US rows;
                          (b) transfer to the Polish ashes over the fixed splits; (c) the paper's comparison
                          table (--repetitions, 0 skips it); (d) CPU/GPU timings of training, transfer, prediction
                  --data-dir  the shared data (default: $REESCREEN_DATA_DIR, else ../shared/data beside the checkout)
                  --out       report file (default: infra/bench/results/model.md in the checkout)
                Takes about 10 minutes on 2 cores with 30 repetitions.

                Usage: ./reescreen bench streaming [--readings 10000] [--rate 1000] [--seconds 30] [--repetitions 3]
                                                   [--lots 200] [--short-commit-ms 10]
                                                   [--prediction-interval PT0.02S] [--out F]
                  streaming  end to end on the embedded broker and registry: sustained readings/s through the
                             screener and through a pass-through topology (the ceiling), then produce-to-prediction
                             latency p50/p99 at a paced rate, at the default and at a short commit interval
                  --readings     readings per throughput repetition      --rate, --seconds  the paced latency runs
                  --prediction-interval  the screener's coalescing interval (default: its configured one)
                  --out          report file (default: infra/bench/results/streaming.md in the checkout)
                Takes about 4 minutes on 2 cores with the defaults.

                Usage: ./reescreen bench retrainer [--data-dir D] [--splits 30] [--loops 5] [--lab-results 30] [--out F]
                  retrainer  the model benchmark's transfer protocol on the real Polish ashes, with each split's
                             6 training lots sent through the retrainer's code path (lab result + composition ->
                             training example -> ExampleDataset -> ChallengerTrainer), beside the model library's
                             figures on the same splits; what the champion/challenger gate decides on those 6
                             examples; the time of each retraining. Then (b) the loop on the embedded broker: screener
                             and retrainer side by side, N lab results from an offset site, the time from the N-th to
                             the first prediction by the new model, and the error before and after
                  --data-dir     the shared data (default: $REESCREEN_DATA_DIR, else ../shared/data beside the checkout)
                  --splits       how many of the fixed seeded splits to run (the paper's own split runs besides)
                  --loops        fresh loops measured in (b); 0 skips (b)
                  --lab-results  N, the lab results per loop and the retrainer's retrain-every (>= 10)
                  --out          report file (default: infra/bench/results/retrainer.md in the checkout)
                Takes about 5 minutes on 2 otherwise idle cores with the defaults.

                Usage: ./reescreen bench faults [--kills 3] [--rate 20] [--scenarios S,...] [--out F]
                  faults  ./reescreen stack, screener and retrainer as processes of their own on a temporary folder,
                          faulted for real while a probe sends known readings and lab results: the screener kill -9
                          N times and SIGTERM once, the retrainer kill -9 once, the registry's process kill -9 and a
                          new one started, a corrupt release compacted over a good one and the screener restarted;
                          then exact counts read with read_committed, and the times to output again
                  --kills  screener kill -9s, each restarted at once      --rate  probe readings/s
                  --scenarios  a subset of kills,sigterm,retrainer,registry,release (default: all; retrainer
                           needs kills or sigterm)
                  --out    report file (default: infra/bench/results/faults.md in the checkout)""";
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() != 1 || !java.util.List.of("model", "streaming", "retrainer", "faults").contains(args.positionals().get(0))) {
            throw new CommandLine.UsageException("name the benchmark: model, streaming, retrainer or faults");
        }
        if (args.positionals().get(0).equals("faults")) {
            return faults(args, out, err);
        }
        if (args.positionals().get(0).equals("streaming")) {
            return streaming(args, out, err);
        }
        if (args.positionals().get(0).equals("retrainer")) {
            return retrainer(args, out, err);
        }
        CommandLine options = args.shift().allowOnly("data-dir", "repetitions", "training-runs", "out");
        Path home = Path.of(System.getProperty("reescreen.home", "."));
        Path dataDir = dataDir(options, home);
        Path outFile = Path.of(options.option("out").orElse(home.resolve("infra/bench/results/model.md").toString()));
        String report = new ModelBenchmark(new ModelBenchmark.Settings(dataDir, options.intOption("repetitions", 30),
                options.intOption("training-runs", 3)), err).run();
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        Files.writeString(outFile, report);
        out.print(report);
        out.println("wrote " + outFile);
        return 0;
    }

    private static int retrainer(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        CommandLine options = args.shift().allowOnly("data-dir", "splits", "loops", "lab-results", "out");
        Path home = Path.of(System.getProperty("reescreen.home", "."));
        Path dataDir = dataDir(options, home);
        Path outFile = Path.of(options.option("out").orElse(home.resolve("infra/bench/results/retrainer.md").toString()));
        StringBuilder command = new StringBuilder("./reescreen bench retrainer");
        options.option("data-dir").ifPresent(d -> command.append(" --data-dir ").append(d));
        options.option("splits").ifPresent(n -> command.append(" --splits ").append(n));
        options.option("loops").ifPresent(n -> command.append(" --loops ").append(n));
        options.option("lab-results").ifPresent(n -> command.append(" --lab-results ").append(n));
        options.option("out").ifPresent(f -> command.append(" --out ").append(f));
        RetrainerBenchmark.Settings settings;
        List<RetrainerBenchmark.Section> sections = new ArrayList<>(List.of(new TransferThroughRetrainer()));
        try {
            settings = new RetrainerBenchmark.Settings(dataDir, options.intOption("splits", 30), command.toString());
            int loops = options.intOption("loops", 5);
            if (loops > 0) {
                sections.add(new LoopLatency(loops, options.intOption("lab-results", 30)));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        String report = new RetrainerBenchmark(settings, err, sections).run();
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        Files.writeString(outFile, report);
        out.print(report);
        out.println("wrote " + outFile);
        return 0;
    }

    private static int faults(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        CommandLine options = args.shift().allowOnly("kills", "rate", "scenarios", "out");
        Path home = Path.of(System.getProperty("reescreen.home", "."));
        Path outFile = Path.of(options.option("out").orElse(home.resolve("infra/bench/results/faults.md").toString()));
        StringBuilder command = new StringBuilder("./reescreen bench faults");
        options.option("kills").ifPresent(n -> command.append(" --kills ").append(n));
        options.option("rate").ifPresent(r -> command.append(" --rate ").append(r));
        options.option("scenarios").ifPresent(s -> command.append(" --scenarios ").append(s));
        options.option("out").ifPresent(f -> command.append(" --out ").append(f));
        FaultsBenchmark.Settings settings;
        try {
            settings = new FaultsBenchmark.Settings(options.intOption("kills", 3), options.doubleOption("rate", 20),
                    command.toString(), options.option("scenarios")
                            .map(list -> java.util.Set.of(list.split(",")))
                            .orElseGet(() -> java.util.Set.copyOf(FaultsBenchmark.Settings.SCENARIOS)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        String report = new FaultsBenchmark(settings, err).run();
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        Files.writeString(outFile, report);
        out.print(report);
        out.println("wrote " + outFile);
        return 0;
    }

    /** --data-dir, else $REESCREEN_DATA_DIR, else ../shared/data beside the checkout. */
    private static Path dataDir(CommandLine options, Path home) {
        return Path.of(options.option("data-dir").or(() -> java.util.Optional.ofNullable(System.getenv("REESCREEN_DATA_DIR")))
                .orElse(home.resolve("../shared/data").normalize().toString()));
    }

    private static int streaming(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        CommandLine options = args.shift().allowOnly("readings", "rate", "seconds", "repetitions", "lots",
                "short-commit-ms", "prediction-interval", "out");
        Path home = Path.of(System.getProperty("reescreen.home", "."));
        Path outFile = Path.of(options.option("out").orElse(home.resolve("infra/bench/results/streaming.md").toString()));
        StreamingBenchmark.Settings settings;
        try {
            settings = new StreamingBenchmark.Settings(options.intOption("readings", 10_000),
                    options.doubleOption("rate", 1000), options.intOption("seconds", 30),
                    options.intOption("repetitions", 3), options.intOption("lots", 200),
                    options.intOption("short-commit-ms", 10), options.option("prediction-interval").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        String report = new StreamingBenchmark(settings, err).run();
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        Files.writeString(outFile, report);
        out.print(report);
        out.println("wrote " + outFile);
        return 0;
    }
}
