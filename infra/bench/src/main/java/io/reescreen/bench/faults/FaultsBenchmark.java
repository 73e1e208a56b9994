package io.reescreen.bench.faults;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ./reescreen bench faults}: operations faults made for real on separate processes, as an operator would meet
 * them. {@code ./reescreen stack} runs on a temporary work folder; {@code ./reescreen screener} and
 * {@code ./reescreen retrainer} run against it; a probe producer sends a known set of readings (and lab results)
 * while the screener is killed ({@code kill -9}) and restarted at once, then stopped with SIGTERM once, the retrainer
 * is killed once, the registry's process is killed and a new registry started on the same port and storage, and a
 * corrupt release is compacted over a good one before a restart. Afterwards outside read_committed consumers count
 * what came out. See {@link FaultScenarios} for the scenarios and the invariants they check.
 */
public final class FaultsBenchmark {

    /**
     * @param kills   screener {@code kill -9}s in scenario 1
     * @param rate    probe readings per second (unit: readings/s)
     * @param command the command line, for the report
     */
    public record Settings(int kills, double rate, String command, Set<String> scenarios) {

        /** The scenarios by name, in the order they run: {@code --scenarios kills,sigterm,retrainer,registry,release}. */
        public static final List<String> SCENARIOS = List.of("kills", "sigterm", "retrainer", "registry", "release");

        /** Every scenario. */
        public Settings(int kills, double rate, String command) {
            this(kills, rate, command, Set.copyOf(SCENARIOS));
        }

        public Settings {
            scenarios = Set.copyOf(scenarios);
            if (scenarios.isEmpty() || !SCENARIOS.containsAll(scenarios)) {
                throw new IllegalArgumentException("--scenarios takes a comma-separated subset of "
                        + String.join(",", SCENARIOS) + ", got " + scenarios);
            }
            if (kills < 1) {
                throw new IllegalArgumentException("--kills takes 1 or more, got " + kills);
            }
            if (!(rate > 0) || rate > 10_000) {
                throw new IllegalArgumentException("--rate takes readings per second in (0, 10000], got " + rate);
            }
        }
    }

    private final Settings settings;
    private final PrintStream progress;

    public FaultsBenchmark(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs every scenario on a fresh stack in a temporary folder (kept, with the logs) and returns the report. */
    public String run() throws Exception {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        LoadSampler load = LoadSampler.start();
        Path work = Files.createTempDirectory("reescreen-bench-faults-");
        List<FaultRow> rows = new ArrayList<>();
        try (FaultScenarios scenarios = FaultScenarios.start(work, settings, progress)) {
            if (settings.scenarios().contains("kills")) {
                rows.add(attempt("screener kill -9 mid-stream, restarted at once", settings.kills(),
                        () -> scenarios.screenerKills(settings.kills())));
            }
            if (settings.scenarios().contains("sigterm")) {
                rows.add(attempt("screener SIGTERM mid-stream, restarted at once", 1, scenarios::screenerSigterm));
            }
            if (settings.scenarios().contains("retrainer")) {
                rows.add(attempt("retrainer kill -9 while lab results arrive", 1, scenarios::retrainerKill));
            }
            if (settings.scenarios().contains("registry")) {
                rows.add(attempt("registry process kill -9 mid-stream", 1, scenarios::registryRestart));
            }
            if (settings.scenarios().contains("release")) {
                rows.add(attempt("corrupt release, compaction, screener restart", 1,
                        scenarios::corruptReleaseCompactedThenRestart));
            }
        } finally {
            load.stop();
            // Kept: the services' and the stack's logs explain any figure (the broker data is a few MB).
            progress.println("bench faults: logs and data kept in " + work);
        }
        return FaultsReport.markdown(settings, startedAt, (System.nanoTime() - started) / 1e9, load, rows);
    }

    private interface Scenario {
        FaultRow run() throws Exception;
    }

    /** A scenario that fails is a row saying why, so the others still run and the report is still written. */
    private FaultRow attempt(String name, int runs, Scenario scenario) {
        try {
            return report(scenario.run());
        } catch (Exception e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            return report(new FaultRow(name, runs, null, "FAILED: " + e.getClass().getSimpleName() + ": " + reason,
                    List.of()));
        }
    }

    private FaultRow report(FaultRow row) {
        progress.println(row.line());
        progress.flush();
        return row;
    }
}
