package io.reescreen.launcher;

import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.screener.serving.ModelInfo;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.XrfSimulator;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The demo's story with lab results, in two waves. The first wave of lots is screened by the base model; after a
 * while the lab reports on all of them, each site's own way off the base (the "before" of the realised-accuracy
 * table), and the retrainer makes each site's model from that site's results. Once every site's attempt is decided
 * and its release served, a second wave of new lots at the same sites is shot and screened by each site's model in
 * force, and the lab reports on those too: their comparisons are the "after".
 */
final class DemoTimeline implements AutoCloseable {

    /** How long a wave's retraining may take on a busy machine before the demo goes on without it. */
    private static final Duration ATTEMPTS_TIMEOUT = Duration.ofMinutes(10);
    /** How long a published site release may take to reach the screener. */
    private static final Duration SERVED_TIMEOUT = Duration.ofMinutes(2);
    /** After the second wave's first full turn of shots: time for its last predictions to reach the retrainer. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** The lab desk prints attempts once a second: its last lines come before the closing line. */
    private static final Duration ATTEMPT_LINES = Duration.ofMillis(1500);
    private static final long FIRST_LAB_SEED = 7;
    private static final long SECOND_LAB_SEED = 8;

    private final Duration labAfter;
    private final XrfSimulator firstWave;
    private final Supplier<XrfSimulator> secondWave;
    private final LabDesk lab;
    private final ScreenerService screener;
    private final PrintStream out;
    private final Thread thread;
    private volatile XrfSimulator second;

    /** @param secondWave makes the second wave's simulator (new lots, the same sites), started when its time comes */
    DemoTimeline(Duration labAfter, XrfSimulator firstWave, Supplier<XrfSimulator> secondWave, LabDesk lab,
                 ScreenerService screener, PrintStream out) {
        this.labAfter = labAfter;
        this.firstWave = firstWave;
        this.secondWave = secondWave;
        this.lab = lab;
        this.screener = screener;
        this.out = out;
        this.thread = new Thread(this::run, "demo-timeline");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            Thread.sleep(labAfter.toMillis());
            List<SimulatedLot> lots = firstWave.plan().lots();
            Set<String> sites = sitesOf(lots);
            int before = lab.attempts();
            lab.report(lots, FIRST_LAB_SEED, "first wave");
            awaitServed(lab.awaitAttempts(sites, before, ATTEMPTS_TIMEOUT));

            XrfSimulator next = secondWave.get();
            SimulationPlan plan = next.plan();
            out.printf(Locale.ROOT, "%s WAVE   second wave: %d new lots at %s, screened by each site's model in force "
                    + "(the first wave's analyzers stop)%n", Instant.now(), plan.lots().size(), String.join(", ", sites));
            firstWave.stop();
            second = next;
            next.start();
            long oneTurn = (long) plan.lots().size() * plan.shotsPerLot();
            while (next.progress().readingsAttempted() < oneTurn) {
                Thread.sleep(500);
            }
            Thread.sleep(SETTLE.toMillis());
            before = lab.attempts();
            lab.report(plan.lots(), SECOND_LAB_SEED, "second wave");
            lab.awaitAttempts(sitesOf(plan.lots()), before, ATTEMPTS_TIMEOUT);
            Thread.sleep(ATTEMPT_LINES.toMillis());
            out.printf(Locale.ROOT, "%s DEMO   both waves reported: the realised-accuracy table (printed when the "
                    + "comparisons settle) has, per site, the base model's row (before) and the site model's (after). "
                    + "The system keeps running; Ctrl-C stops it.%n", Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println("reescreen demo: the lab or the second wave failed: " + e);
        }
    }

    /** Waits until the screener serves every site release the attempts published (or a timeout passes). */
    private void awaitServed(List<RetrainingOutcome> attempts) throws InterruptedException {
        long deadline = System.nanoTime() + SERVED_TIMEOUT.toNanos();
        for (RetrainingOutcome o : attempts) {
            if (o.published() && o.siteId().isPresent()) {
                String site = o.siteId().get();
                String version = o.publishedVersion().get();
                while (!screener.model().siteInfo(site).map(ModelInfo::version).filter(version::equals).isPresent()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
            }
        }
    }

    private static Set<String> sitesOf(List<SimulatedLot> lots) {
        return new TreeSet<>(lots.stream().map(SimulatedLot::siteId).toList());
    }

    @Override
    public void close() {
        thread.interrupt();
        XrfSimulator s = second;
        if (s != null) {
            s.close();
        }
    }
}
