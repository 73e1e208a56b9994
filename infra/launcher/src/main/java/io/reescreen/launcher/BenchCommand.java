package io.reescreen.launcher;

import io.reescreen.bench.model.ModelBenchmark;
import io.reescreen.bench.streaming.StreamingBenchmark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ./reescreen bench model|streaming}: runs a benchmark and writes its Markdown report to a file. */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "run a benchmark (model, streaming) and write its report to infra/bench/results/";
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
                Takes about 4 minutes on 2 cores with the defaults.""";
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() != 1
                || !(args.positionals().get(0).equals("model") || args.positionals().get(0).equals("streaming"))) {
            throw new CommandLine.UsageException("name the benchmark: model or streaming");
        }
        if (args.positionals().get(0).equals("streaming")) {
            return streaming(args, out, err);
        }
        CommandLine options = args.shift().allowOnly("data-dir", "repetitions", "training-runs", "out");
        Path home = Path.of(System.getProperty("reescreen.home", "."));
        Path dataDir = Path.of(options.option("data-dir").or(() -> java.util.Optional.ofNullable(System.getenv("REESCREEN_DATA_DIR")))
                .orElse(home.resolve("../shared/data").normalize().toString()));
        Path outFile = Path.of(options.option("out").orElse(home.resolve("infra/bench/results/model.md").toString()));
        String report = new ModelBenchmark(new ModelBenchmark.Settings(dataDir, options.intOption("repetitions", 30),
                options.intOption("training-runs", 3)), err).run();
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        Files.writeString(outFile, report);
        out.print(report);
        out.println("wrote " + outFile);
        return 0;
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
