package io.reescreen.bench.retrainer;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.retrainer.app.RetrainerService;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.XrfSimulator;
import io.reescreen.simulator.lab.LabAgreement;
import io.reescreen.simulator.lab.LabPlan;
import io.reescreen.simulator.lab.LabResultGenerator;
import io.reescreen.simulator.lab.LabSimulator;
import io.reescreen.simulator.lab.SiteOffsets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * (b) The loop on the embedded broker and registry: the screener and the retrainer run side by side, serving the
 * demo's synthetic bootstrap model (the simulator draws its lots from the same synthetic reference distribution, so
 * the site offset is the only thing to learn); lots from a site whose lab REE are 35 % above the simulator's truth
 * are screened; exactly N lab results arrive for them; the time from the N-th result to the screener's first
 * prediction made with the new version is taken apart into join, retraining (gate + challenger), hot swap, and first
 * prediction; then new lots from the site measure the error before and after. A fresh broker, services and lots
 * each repetition; medians reported.
 */
public final class LoopLatency implements RetrainerBenchmark.Section {

    private static final String SITE = SiteOffsets.DEFAULT_OFFSET_SITE;
    private static final Duration WAIT = Duration.ofMinutes(3);
    /** The demo's bootstrap model. */
    static final BootstrapModel.SyntheticSpecification CHAMPION = new BootstrapModel.SyntheticSpecification(200, 10, 60, 42L);

    private final int repetitions;
    private final int labResults;

    /**
     * @param repetitions fresh loops measured
     * @param labResults  N: lab results per loop, and the retrainer's retrain-every
     */
    public LoopLatency(int repetitions, int labResults) {
        if (repetitions < 1 || labResults < 10) {
            throw new IllegalArgumentException("need >= 1 repetition and >= 10 lab results");
        }
        this.repetitions = repetitions;
        this.labResults = labResults;
    }

    /**
     * One loop's figures; times in seconds from the N-th lab result acknowledged by the broker. A rejected challenger
     * has no swap: its times after the decision and its error after are NaN, and {@code rejection} says why.
     */
    record Loop(double joinedS, double publishedS, double swappedS, double firstPredictionS, double gateChampionPct,
                double gateChallengerPct, double errorBeforePct, double errorAfterPct, String rejection) {
        boolean published() {
            return rejection == null;
        }
    }

    @Override
    public String run(RetrainerBenchmark.Context context) throws Exception {
        Path work = Files.createTempDirectory("reescreen-bench-loop-");
        Path model = work.resolve("champion.model");
        context.progress().println("(b) loop latency: training the demo's synthetic bootstrap model " + CHAMPION);
        Files.write(model, ModelArtifactCodec.encode(BootstrapModel.trainSynthetic(CHAMPION).artifact()));
        List<Loop> loops = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            // A fresh broker each loop: the retrainer rebuilds its examples from the whole training.examples topic,
            // so an earlier loop's examples would join the next one's.
            context.progress().printf(Locale.ROOT, "(b) loop %d/%d: starting the embedded broker and registry%n", r + 1,
                    repetitions);
            try (EmbeddedStack stack = EmbeddedStack.start(work.resolve("stack" + r), true, 0, 0, Topics.ALL)) {
                Loop loop = once(stack, model, work.resolve("r" + r), r);
                context.progress().printf(Locale.ROOT, "(b) loop %d/%d: %s%n", r + 1, repetitions, loop.published()
                        ? String.format(Locale.ROOT, "first new prediction %.1f s after the %d-th lab result; error "
                        + "%.1f %% -> %.1f %%", loop.firstPredictionS(), labResults, loop.errorBeforePct(),
                        loop.errorAfterPct()) : "rejected: " + loop.rejection());
                loops.add(loop);
            }
        }
        return report(loops);
    }

    private Loop once(EmbeddedStack stack, Path model, Path dir, int r) throws Exception {
        String id = "loop" + r + "-" + Long.toHexString(System.nanoTime()).substring(6);
        String modelName = "bench-" + id;
        try (ScreenerService screener = ScreenerService.start(Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(),
                "reescreen.registry.url", stack.registryUrl(),
                "kafka.streams.screener.application.id", "bench-screener-" + id,
                "kafka.streams.screener.state.dir", dir.resolve("screener").toString(),
                "micronaut.server.port", -1,
                "reescreen.screener.model-name", modelName,
                "reescreen.screener.bootstrap-model", model.toString()));
             RetrainerService retrainer = RetrainerService.start(Map.of(
                     "kafka.bootstrap.servers", stack.bootstrapServers(),
                     "reescreen.registry.url", stack.registryUrl(),
                     "kafka.streams.retrainer.application.id", "bench-retrainer-" + id,
                     "kafka.streams.retrainer.state.dir", dir.resolve("retrainer").toString(),
                     "micronaut.server.port", -1,
                     "reescreen.retrainer.model-name", modelName,
                     "reescreen.retrainer.bootstrap-model", model.toString(),
                     "reescreen.retrainer.retrain-every", labResults))) {
            screener.awaitRunning(WAIT);
            retrainer.awaitReady(WAIT);
            String championVersion = screener.model().info().version();

            // Lots the lab will report on, screened by the champion first.
            List<SimulatedLot> before = LotMix.of(labResults, 0.3, 100 + r).withSites(List.of(SITE)).draw("a-" + id);
            Map<String, ReePrediction> beforePredictions = screen(stack, before, championVersion, 4);
            LabPlan lab = LabPlan.builder().seed(200 + r).labResultFraction(1.0).build();

            // A reading every 50 ms on lots of their own, so that a prediction follows the swap at once.
            List<SimulatedLot> pulse = LotMix.of(3, 0.3, 300 + r).withSites(List.of(SITE)).draw("p-" + id);
            try (PredictionTail tail = new PredictionTail(stack, pulse.stream().map(SimulatedLot::lotId)
                    .collect(Collectors.toSet()));
                 XrfSimulator pulses = new XrfSimulator(stack.bootstrapServers(), stack.serdes(),
                         SimulationPlan.builder().runId("p-" + id).seed(r).lots(pulse).shotsPerLot(1)
                                 .readingsPerSecond(20).untilStopped().recordReadingIds(false)
                                 .clock(ShotClock.wall()).build())) {
                pulses.start();
                LabSimulator labSimulator = new LabSimulator(stack.bootstrapServers(),
                        stack.serdes().valueSerde(LabResult.class), before, lab);
                labSimulator.run();
                long sent = System.nanoTime();
                // The feed's own count: the loop's is locked while it trains.
                double joined = waitFor(sent, () -> retrainer.runtime().feed().liveCount() >= labResults);
                double published = waitFor(sent, () -> retrainer.runtime().loop().history().stream()
                        .anyMatch(o -> o.published() || !o.decision().accepted() || o.failure().isPresent()));
                RetrainingOutcome outcome = retrainer.runtime().loop().history().get(0);
                double errorBefore = 100 * LabAgreement.totalReeMaeOverMean(beforePredictions,
                        LabResultGenerator.generate(before, lab));
                if (!outcome.published()) {
                    pulses.stop();
                    return new Loop(joined, published, Double.NaN, Double.NaN, outcome.decision().championMaeOverMeanPct(),
                            outcome.decision().challengerMaeOverMeanPct(), errorBefore, Double.NaN,
                            outcome.failure().orElse(outcome.decision().reason()));
                }
                String version = outcome.publishedVersion().orElseThrow();
                double swapped = waitFor(sent, () -> screener.model().info().version().equals(version));
                double first = waitFor(sent, () -> tail.seen(version));
                pulses.stop();

                List<SimulatedLot> after = LotMix.of(labResults, 0.3, 400 + r).withSites(List.of(SITE)).draw("b-" + id);
                Map<String, ReePrediction> afterPredictions = screen(stack, after, version, 4);
                return new Loop(joined, published, swapped, first, outcome.decision().championMaeOverMeanPct(),
                        outcome.decision().challengerMaeOverMeanPct(), errorBefore,
                        100 * LabAgreement.totalReeMaeOverMean(afterPredictions, LabResultGenerator.generate(after, lab)),
                        null);
            }
        }
    }

    /** Seconds from {@code since} until {@code condition} holds (polled every 5 ms). */
    private static double waitFor(long since, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the loop did not get there within " + WAIT);
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - since) / 1e9;
    }

    /** {@code shots} readings per lot, then each lot's prediction over all of them, made by {@code version}. */
    private static Map<String, ReePrediction> screen(EmbeddedStack stack, List<SimulatedLot> lots, String version,
                                                     int shots) throws InterruptedException {
        SimulationPlan plan = SimulationPlan.builder().runId(lots.get(0).lotId()).seed(9).lots(lots).shotsPerLot(shots)
                .totalReadings((long) shots * lots.size())
                .clock(ShotClock.stepping(Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMillis(100)))
                .build();
        try (XrfSimulator simulator = new XrfSimulator(stack.bootstrapServers(), stack.serdes(), plan)) {
            simulator.run();
        }
        Set<String> ids = lots.stream().map(SimulatedLot::lotId).collect(Collectors.toSet());
        try (PredictionTail tail = new PredictionTail(stack, ids, true)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Map<String, ReePrediction> latest = tail.latest();
                if (latest.size() == ids.size() && latest.values().stream()
                        .allMatch(p -> p.getReadingCount() == shots && p.getModelVersion().equals(version))) {
                    return latest;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("predictions for " + ids.size() + " lots not complete within " + WAIT);
                }
                Thread.sleep(100);
            }
        }
    }

    private String report(List<Loop> loops) {
        StringBuilder md = new StringBuilder();
        md.append("## (b) Loop latency on the embedded broker\n\n");
        md.append(String.format(Locale.ROOT, "The screener and the retrainer side by side on the embedded broker and "
                + "registry, both starting from the demo's synthetic bootstrap model (" + CHAMPION + "); %d lots from %s (lab values %.2f x the simulator's "
                + "truth) are screened, then exactly N = %d lab results arrive (the retrainer's retrain-every). Times "
                + "are seconds from the N-th result acknowledged by the broker; a pulse of 20 readings/s on other lots "
                + "of the site shows when predictions name the new version. Errors: total REE MAE/mean against the lab "
                + "values, the champion on the lots the lab reported on, the new model on %d new lots of the same site "
                + "(4 readings each). %d fresh loops (new broker, services and lots each).%n%n", labResults, SITE,
                SiteOffsets.DEFAULT_OFFSET_FACTOR, labResults, labResults, loops.size()));
        md.append("| loop | examples joined (s) | published (s) | screener swapped (s) | first prediction (s) "
                + "| gate: champion / challenger MAE/mean (%) | error before (%) | error after (%) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < loops.size(); i++) {
            Loop l = loops.get(i);
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %s | %s | %.1f / %.1f | %.1f | %s |%n", i + 1,
                    l.joinedS(), l.publishedS(), l.published() ? String.format(Locale.ROOT, "%.2f", l.swappedS()) : "rejected",
                    l.published() ? String.format(Locale.ROOT, "%.2f", l.firstPredictionS()) : "-", l.gateChampionPct(),
                    l.gateChallengerPct(), l.errorBeforePct(),
                    l.published() ? String.format(Locale.ROOT, "%.1f", l.errorAfterPct()) : "-"));
        }
        List<Loop> published = loops.stream().filter(Loop::published).toList();
        StringBuilder rejected = new StringBuilder();
        for (int i = 0; i < loops.size(); i++) {
            if (!loops.get(i).published()) {
                rejected.append("Loop ").append(i + 1).append(", rejected by the gate: ").append(loops.get(i).rejection())
                        .append(".\n\n");
            }
        }
        if (published.isEmpty()) {
            md.append("\nNo loop published a model.\n\n").append(rejected);
            return md.toString();
        }
        md.append(String.format(Locale.ROOT, "| **median of the published** | **%.2f** | **%.2f** | **%.2f** | **%.2f** | %.1f / %.1f "
                        + "| **%.1f** | **%.1f** |%n%n",
                median(published, Loop::joinedS), median(published, Loop::publishedS), median(published, Loop::swappedS),
                median(published, Loop::firstPredictionS), median(published, Loop::gateChampionPct),
                median(published, Loop::gateChallengerPct), median(published, Loop::errorBeforePct),
                median(published, Loop::errorAfterPct)));
        md.append(rejected);
        md.append("Published (s) includes the gate (the challenger trained and scored on every repeated split) and "
                + "the final challenger's training on all N examples; the swap is the screener's global store "
                + "catching up with models.releases.\n\n");
        return md.toString();
    }

    private static double median(List<Loop> loops, java.util.function.ToDoubleFunction<Loop> f) {
        double[] v = loops.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Follows ree.predictions (read_committed) on a thread of its own; the latest prediction per lot of interest. */
    private static final class PredictionTail implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Deserializer<ReePrediction> predictions;
        private final Set<String> lots;
        private final Map<String, ReePrediction> latest = new HashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        PredictionTail(EmbeddedStack stack, Set<String> lots) {
            this(stack, lots, false);
        }

        PredictionTail(EmbeddedStack stack, Set<String> lots, boolean fromBeginning) {
            this.lots = lots;
            this.predictions = stack.serdes().valueSerde(ReePrediction.class).deserializer();
            this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REE_PREDICTIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // resolve "end" now, before anything is produced
            }
            this.thread = new Thread(this::run, "bench-prediction-tail");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        private void run() {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (key != null && lots.contains(key) && r.value() != null) {
                        ReePrediction p = predictions.deserialize(r.topic(), r.headers(), r.value());
                        synchronized (latest) {
                            latest.put(key, p);
                        }
                    }
                }
            }
        }

        Map<String, ReePrediction> latest() {
            synchronized (latest) {
                return new HashMap<>(latest);
            }
        }

        boolean seen(String version) {
            synchronized (latest) {
                return latest.values().stream().anyMatch(p -> p.getModelVersion().equals(version));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
