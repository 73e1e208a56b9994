package io.reescreen.bench.sites;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.schemas.Topics;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code ./reescreen bench sites}: issue 12's three-site scenario ({@link SitesScenario}) under both strategies and both
 * arrival orders, on the same lots for each seed, each run on a fresh embedded broker and registry (a retrainer takes
 * every example on training.examples, so runs must not share one). Writes one Markdown report; asserts nothing.
 */
public final class SitesBenchmark {

    /** The services' own default bootstrap (what the demo serves until a release arrives). */
    static final BootstrapModel.SyntheticSpecification BASE = BootstrapModel.SyntheticSpecification.DEFAULT;

    /**
     * @param seeds          scenario seeds run (1..seeds); each seed's lots are the same under every strategy and order
     * @param lotsPerSite    N: phase-1 lots (and lab results) per site, the retrainer's retrain-every
     * @param newLotsPerSite phase-2 lots per site
     * @param command        the command line, for the report
     */
    public record Settings(int seeds, int lotsPerSite, int newLotsPerSite, String command) {
        public Settings {
            Objects.requireNonNull(command, "command");
            if (seeds < 1 || lotsPerSite < 10 || newLotsPerSite < 2) {
                throw new IllegalArgumentException("need --seeds >= 1, --lots >= 10 and --new-lots >= 2");
            }
        }
    }

    /** One more part of the report (e.g. the Polish transfer protocol as site PL), run after the scenario's. */
    public interface Section {
        /** The section's Markdown, starting with its {@code ## } heading. */
        String run(PrintStream progress) throws Exception;
    }

    private final Settings settings;
    private final PrintStream progress;
    private final List<Section> sections;

    public SitesBenchmark(Settings settings, PrintStream progress, List<Section> sections) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.sections = List.copyOf(sections);
    }

    public String run() throws Exception {
        long started = System.nanoTime();
        double loadAtStart = loadAverage();
        double maxLoad = loadAtStart;
        Path work = Files.createTempDirectory("reescreen-bench-sites-");
        Path model = work.resolve("base.model");
        progress.println("training the base model " + BASE);
        Files.write(model, ModelArtifactCodec.encode(BootstrapModel.trainSynthetic(BASE).artifact()));

        List<SitesReport.Run> runs = new ArrayList<>();
        for (int seed = 1; seed <= settings.seeds(); seed++) {
            for (Strategy strategy : Strategy.values()) {
                for (ArrivalOrder order : ArrivalOrder.values()) {
                    SitesScenario.Settings s = new SitesScenario.Settings(strategy, order, Site.issueTwelve(),
                            settings.lotsPerSite(), settings.newLotsPerSite(), 100L + seed, model, 0, 0,
                            Duration.ofMinutes(5));
                    progress.printf(Locale.ROOT, "seed %d/%d, %s, %s: starting a fresh broker and registry%n", seed,
                            settings.seeds(), strategy.label(), order.label());
                    try (EmbeddedStack stack = EmbeddedStack.start(work.resolve("stack-" + seed + "-" + strategy + "-"
                            + order), true, 0, 0, Topics.ALL)) {
                        ScenarioOutcome outcome = new SitesScenario(s, progress).run(stack, work.resolve("state"));
                        runs.add(SitesReport.Run.of(seed, outcome));
                    } catch (Exception e) {
                        // One run failing (a timeout on a loaded machine) costs its row, not the report.
                        progress.println("run failed: " + e);
                        runs.add(SitesReport.Run.failed(seed, s, e.toString()));
                    }
                    maxLoad = Math.max(maxLoad, loadAverage());
                }
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("# Sites benchmark: one global model or a model per site\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d CPU cores, Java %s.%n%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        md.append("Command: `").append(settings.command()).append("`\n\n");
        md.append(new SitesReport(settings, BASE, runs).markdown());
        for (Section section : sections) {
            md.append(section.run(progress));
        }
        md.append(String.format(Locale.ROOT, "Whole run: %.0f s. System load average (1 min) on the %d cores: %.2f at the "
                        + "start, %.2f at most (sampled between runs), %.2f at the end; a load above the core count means "
                        + "other processes shared the CPU, which shows in the times, not in the accuracy figures.%n",
                (System.nanoTime() - started) / 1e9, Runtime.getRuntime().availableProcessors(), loadAtStart,
                Math.max(maxLoad, loadAverage()), loadAverage()));
        md.append("\nEvery figure above is from this run: `").append(settings.command()).append("`.\n");
        return md.toString();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
