package io.reescreen.launcher;

import io.reescreen.retrainer.app.RetrainerService;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.lab.LabPlan;
import io.reescreen.simulator.lab.LabSimulationReport;
import io.reescreen.simulator.lab.LabSimulator;
import io.reescreen.simulator.lab.SiteOffsets;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's lab: when asked, it reports ICP-MS results for a wave of lots, each site's systematically off the
 * synthetic truth the bootstrap model was trained on by that site's factor (the simulator's default set: YARD-A 0.75,
 * YARD-B 1.35, YARD-C 1.0: two sites whose ash differs from the training data in opposite directions, one that does
 * not); meanwhile it prints each retraining attempt of the retrainer as it happens: the site, published or rejected
 * and why.
 */
final class LabDesk implements AutoCloseable {

    static final SiteOffsets OFFSETS = SiteOffsets.defaults();

    /** With no new example for this long, the retrainer has made every attempt a wave of lab results calls for. */
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final KafkaConnection kafka;
    private final RegistrySerdes serdes;
    private final RetrainerService retrainer;
    private final PrintStream out;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param kafka and {@code serdes}: how the lab reaches the demo's broker and registry (secured or open) */
    LabDesk(KafkaConnection kafka, RegistrySerdes serdes, RetrainerService retrainer, PrintStream out) {
        this.kafka = kafka;
        this.serdes = serdes;
        this.retrainer = retrainer;
        this.out = out;
        this.thread = new Thread(this::printAttempts, "demo-lab");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Sends one result for every lot of the wave now (their reporting time is simulated, days after the readings). */
    void report(List<SimulatedLot> lots, long seed, String wave) {
        LabPlan plan = LabPlan.builder().seed(seed).labResultFraction(1.0).siteOffsets(OFFSETS).build();
        LabSimulationReport report = new LabSimulator(kafka, serdes.valueSerde(LabResult.class), lots, plan,
                Topics.LAB_RESULTS.name(), Map.of()).run();
        out.printf(Locale.ROOT, "%s LAB    %s: %d ICP-MS results reported (%d failed to send), %s; the retrainer joins "
                + "them with the lots' compositions and compares each with the prediction served before it%n",
                Instant.now(), wave, report.resultsSent(), report.failedSends(), describeOffsets(lots));
    }

    /** Attempts so far, to tell a wave's attempts from earlier ones. */
    int attempts() {
        return retrainer.runtime().loop().history().size();
    }

    /**
     * Waits until every one of {@code sites} made an attempt after the first {@code since} attempts, or the retrainer
     * took no new example for a while (a site with fewer new examples than retrain-every makes none), or the
     * timeout passed; returns the attempts made meanwhile.
     */
    List<RetrainingOutcome> awaitAttempts(Set<String> sites, int since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int examples = retrainer.runtime().loop().exampleCount();
        long changedAt = System.nanoTime();
        while (true) {
            List<RetrainingOutcome> history = retrainer.runtime().loop().history();
            List<RetrainingOutcome> wave = history.subList(Math.min(since, history.size()), history.size());
            Set<String> attempted = new TreeSet<>();
            wave.forEach(o -> o.siteId().ifPresent(attempted::add));
            int now = retrainer.runtime().loop().exampleCount();
            if (now != examples) {
                examples = now;
                changedAt = System.nanoTime();
            }
            if (attempted.containsAll(sites) || System.nanoTime() - changedAt > QUIET.toNanos()
                    || System.nanoTime() > deadline) {
                return List.copyOf(wave);
            }
            Thread.sleep(500);
        }
    }

    private static String describeOffsets(List<SimulatedLot> lots) {
        StringBuilder s = new StringBuilder("the lab reads");
        String sep = " ";
        for (String site : new TreeSet<>(lots.stream().map(SimulatedLot::siteId).toList())) {
            s.append(sep).append(String.format(Locale.ROOT, "%.2f x the truth at %s", OFFSETS.factor(site), site));
            sep = ", ";
        }
        return s.toString();
    }

    private void printAttempts() {
        int shown = 0;
        try {
            while (running) {
                List<RetrainingOutcome> history = retrainer.runtime().loop().history();
                for (RetrainingOutcome o : history.subList(Math.min(shown, history.size()), history.size())) {
                    out.printf(Locale.ROOT, "%s RETRAIN %s (%s, %d examples) %s%n", Instant.now(),
                            o.siteId().map(s -> "site " + s).orElse("base model"), o.trigger(), o.examples(),
                            o.published() ? "published " + o.publishedVersion().get() + ": " + o.decision().reason()
                                    : o.failure().map(f -> "NOT published: " + f).orElse(o.decision().reason()));
                }
                shown = history.size();
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
