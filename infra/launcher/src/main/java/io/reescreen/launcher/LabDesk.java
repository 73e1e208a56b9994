package io.reescreen.launcher;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.retrainer.app.RetrainerService;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.LabResult;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.lab.LabPlan;
import io.reescreen.simulator.lab.LabSimulationReport;
import io.reescreen.simulator.lab.LabSimulator;
import io.reescreen.simulator.lab.SiteOffsets;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's lab: after a while it reports ICP-MS results for every lot, systematically 35 % above the synthetic
 * truth the bootstrap model was trained on (a site whose ash differs from the training data), then prints each
 * retraining attempt of the retrainer as it happens: published, or rejected and why.
 */
final class LabDesk implements AutoCloseable {

    static final double DEMO_OFFSET = SiteOffsets.DEFAULT_OFFSET_FACTOR;

    private final EmbeddedStack stack;
    private final List<SimulatedLot> lots;
    private final int afterSeconds;
    private final RetrainerService retrainer;
    private final PrintStream out;
    private final Thread thread;
    private volatile boolean running = true;

    LabDesk(EmbeddedStack stack, List<SimulatedLot> lots, int afterSeconds, RetrainerService retrainer, PrintStream out) {
        this.stack = stack;
        this.lots = lots;
        this.afterSeconds = afterSeconds;
        this.retrainer = retrainer;
        this.out = out;
        this.thread = new Thread(this::run, "demo-lab");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            Thread.sleep(afterSeconds * 1000L);
            Map<String, Double> everySite = lots.stream().map(SimulatedLot::siteId).distinct()
                    .collect(Collectors.toMap(site -> site, site -> DEMO_OFFSET));
            LabPlan plan = LabPlan.builder().seed(7).labResultFraction(1.0).siteOffsets(SiteOffsets.of(everySite)).build();
            LabSimulationReport report = new LabSimulator(stack.bootstrapServers(),
                    stack.serdes().valueSerde(LabResult.class), lots, plan).run();
            out.printf(Locale.ROOT, "%s LAB    %d ICP-MS results reported (%d failed to send); the retrainer joins them "
                    + "with the lots' compositions%n", Instant.now(), report.resultsSent(), report.failedSends());
            int shown = 0;
            while (running) {
                List<RetrainingOutcome> history = retrainer.runtime().loop().history();
                for (RetrainingOutcome o : history.subList(Math.min(shown, history.size()), history.size())) {
                    out.printf(Locale.ROOT, "%s RETRAIN (%s, %d examples) %s%n", Instant.now(), o.trigger(), o.examples(),
                            o.published() ? "published " + o.publishedVersion().get() + ": " + o.decision().reason()
                                    : o.failure().map(f -> "NOT published: " + f).orElse(o.decision().reason()));
                }
                shown = history.size();
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println("reescreen demo: the lab simulator failed: " + e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
