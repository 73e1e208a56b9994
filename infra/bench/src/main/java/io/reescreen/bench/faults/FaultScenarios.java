package io.reescreen.bench.faults;

import io.reescreen.bench.faults.FaultRow.NamedTimes;
import io.reescreen.embedded.EmbeddedSchemaRegistry;
import io.reescreen.embedded.RegistryStorage;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.SimulationReport;
import io.reescreen.simulator.XrfSimulator;
import io.reescreen.simulator.lab.LabPlan;
import io.reescreen.simulator.lab.LabSimulator;
import io.reescreen.simulator.lab.SimulatedLabResult;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The stack and the two services as processes, and the faults made to them, one method per scenario. Each scenario
 * leaves the services running for the next.
 */
final class FaultScenarios implements AutoCloseable {

    private static final Duration START_UP = Duration.ofMinutes(5);
    /** Counts that have not moved for 2 minutes are final; a service still catching up is given 10 minutes. */
    private static final Settling SETTLING = new Settling(Duration.ofMinutes(2), Duration.ofMinutes(10));
    private static final Pattern REGISTRY_PID = Pattern.compile("child pid (\\d+)");
    private static final Pattern EXPORT = Pattern.compile("export KAFKA_BOOTSTRAP_SERVERS=(\\S+) SCHEMA_REGISTRY_URL=(\\S+)");

    private final Path work;
    private final FaultsBenchmark.Settings settings;
    private final PrintStream progress;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ReescreenProcess stack;
    private final int registryPort;
    private final String bootstrap;
    private final String registryUrl;
    private final ReescreenProcess screener;
    private final ReescreenProcess retrainer;
    private final int screenerPort;
    private final List<SimulationPlan> probes = new ArrayList<>();
    private long registryPid;
    private EmbeddedSchemaRegistry restartedRegistry;

    private FaultScenarios(Path work, FaultsBenchmark.Settings settings, PrintStream progress) throws Exception {
        this.work = work;
        this.settings = settings;
        this.progress = progress;
        int kafkaPort = freePort();
        this.registryPort = freePort();
        this.stack = new ReescreenProcess("stack", List.of(), List.of("stack", "--work-dir",
                work.resolve("stack").toString(), "--kafka-port", String.valueOf(kafkaPort), "--registry-port",
                String.valueOf(registryPort)), Map.of(), work.resolve("stack.log"));
        say("starting ./reescreen stack in " + work);
        stack.start();
        stack.awaitLine("Press Ctrl-C to stop.", 0, START_UP);
        String banner = String.join("\n", stack.lines());
        Matcher export = EXPORT.matcher(banner);
        Matcher pid = REGISTRY_PID.matcher(banner);
        if (!export.find() || !pid.find()) {
            throw new IllegalStateException("the stack's banner lacks its endpoints or the registry's pid; " + stack.tail());
        }
        this.bootstrap = export.group(1);
        this.registryUrl = export.group(2);
        this.registryPid = Long.parseLong(pid.group(1));
        Path model = work.resolve("bootstrap.model");
        // Small, to keep start-up short; both services load it from the file as they would the demo's.
        Files.write(model, ModelArtifactCodec.encode(BootstrapModel.trainSynthetic(
                new BootstrapModel.SyntheticSpecification(60, 2, 10, 42L)).artifact()));
        this.screenerPort = freePort();
        this.screener = service("screener", screenerPort, model);
        this.retrainer = service("retrainer", freePort(), model);
        say("starting ./reescreen screener and ./reescreen retrainer against " + bootstrap + " and " + registryUrl);
        Runtime.getRuntime().addShutdownHook(new Thread(this::killChildren, "bench-faults-children"));
        screener.start();
        retrainer.start();
        screener.awaitLine("Screener up:", 0, START_UP);
        retrainer.awaitLine("Retrainer up:", 0, START_UP);
    }

    static FaultScenarios start(Path work, FaultsBenchmark.Settings settings, PrintStream progress) throws Exception {
        return new FaultScenarios(work, settings, progress);
    }

    private ReescreenProcess service(String name, int port, Path model) {
        return new ReescreenProcess(name, List.of(
                // No retraining during the bench: the gaps measured are the faults', not a training's.
                "-Dreescreen.retrainer.retrain-every=1000000"),
                List.of(name, "--http-port", String.valueOf(port), "--work-dir", work.resolve(name).toString(),
                        "--bootstrap-model", model.toString()),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "SCHEMA_REGISTRY_URL", registryUrl),
                work.resolve(name + ".log"));
    }

    /** Scenario 1: the screener killed {@code kills} times mid-stream, restarted at once each time. */
    FaultRow screenerKills(int kills) throws Exception {
        return screenerRestarts("screener kill -9 mid-stream, restarted at once", kills, true);
    }

    /** Scenario 1b: the same with SIGTERM, once. */
    FaultRow screenerSigterm() throws Exception {
        return screenerRestarts("screener SIGTERM mid-stream, restarted at once", 1, false);
    }

    private FaultRow screenerRestarts(String scenario, int times, boolean kill) throws Exception {
        SimulationPlan plan = probePlan(kill ? "k" : "t");
        List<Double> killToOutput = new ArrayList<>();
        List<Double> restartToOutput = new ArrayList<>();
        SimulationReport sent;
        try (Arrivals predictions = new Arrivals(bootstrap, Topics.REE_PREDICTIONS.name());
             XrfSimulator probe = new XrfSimulator(bootstrap, serdes(), plan)) {
            CompletableFuture<SimulationReport> done = probe.start();
            predictions.awaitCount(predictions.count() + 1, START_UP, screener);
            for (int i = 0; i < times; i++) {
                Restart restart = restart(screener, kill, predictions);
                killToOutput.add(restart.killToOutputSeconds());
                restartToOutput.add(restart.restartToOutputSeconds());
                say(String.format(java.util.Locale.ROOT, "  screener %s %d: kill → output %.1f s, restart → output %.1f s",
                        kill ? "kill -9" : "SIGTERM", i + 1, restart.killToOutputSeconds(), restart.restartToOutputSeconds()));
            }
            predictions.awaitCount(predictions.count() + 3, START_UP, screener);
            probe.stop();
            sent = done.get(2, TimeUnit.MINUTES);
        }
        Settled settled = settleReadings(sent);
        return new FaultRow(scenario, times, settled.compositions(), settled.deadLettered(), settled.predictionCheck(), List.of(
                new NamedTimes("kill → output", killToOutput), new NamedTimes("restart → output", restartToOutput)));
    }

    /** Scenario 2: the retrainer killed once while lab results arrive. */
    FaultRow retrainerKill() throws Exception {
        if (probes.isEmpty()) {
            throw new IllegalStateException("the retrainer scenario uses the lots of a screener scenario: run it with "
                    + "kills or sigterm (--scenarios kills,retrainer)");
        }
        SimulationPlan plan = probes.get(0);
        List<LabResult> templates = new LabSimulator(bootstrap, serdes().valueSerde(LabResult.class), plan.lots(),
                LabPlan.builder().seed(7).labResultFraction(1.0).build()).results().stream()
                .filter(SimulatedLabResult::isGood).map(SimulatedLabResult::labResult).toList();
        Set<String> acknowledged;
        Restart restart;
        try (Arrivals examples = new Arrivals(bootstrap, Topics.TRAINING_EXAMPLES.name());
             LabFeed lab = new LabFeed(bootstrap, serdes().valueSerde(LabResult.class).serializer(), templates,
                     "faults-lab-" + run + "-", Duration.ofMillis(200))) {
            lab.start();
            examples.awaitCount(3, START_UP, retrainer);
            restart = restart(retrainer, true, examples);
            examples.awaitCount(examples.count() + 3, START_UP, retrainer);
            lab.stop();
            acknowledged = lab.acknowledged();
        }
        Map<String, Long> expected = acknowledged.stream().collect(Collectors.toMap(id -> id, id -> 1L));
        Deserializer<TrainingExample> examples = new RegistrySerdes(registryUrl, false).valueSerde(TrainingExample.class)
                .deserializer();
        Settling.Outcome settled = SETTLING.await(() -> {
            Map<String, Long> seen = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : CommittedTopic.read(bootstrap, Topics.TRAINING_EXAMPLES.name())) {
                seen.merge(examples.deserialize(r.topic(), r.headers(), r.value()).getLabResultId().toString(), 1L, Long::sum);
            }
            heldIds().forEach((id, n) -> seen.merge(id, n, Long::sum));
            return ExactCounts.compare(acknowledged.size(), expected, seen);
        });
        ExactCounts counts = settled.counts();
        Map<String, Long> held = heldIds();
        long heldOfOurs = held.keySet().stream().filter(acknowledged::contains).count();
        return new FaultRow("retrainer kill -9 while lab results arrive (one every 200 ms)", 1, counts,
                "each lab result → one training example (" + heldOfOurs + " of them held for review on lab.results.held); "
                        + settled.describe(),
                List.of(new NamedTimes("kill → output", List.of(restart.killToOutputSeconds())),
                        new NamedTimes("restart → output", List.of(restart.restartToOutputSeconds()))));
    }

    /** Lab result ids currently held (compacted topic: a tombstone means accepted or dismissed). */
    private Map<String, Long> heldIds() {
        Map<String, Boolean> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : CommittedTopic.read(bootstrap, Topics.LAB_RESULTS_HELD.name())) {
            if (r.key() != null) {
                latest.put(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8), r.value() != null);
            }
        }
        return latest.entrySet().stream().filter(Map.Entry::getValue).collect(Collectors.toMap(Map.Entry::getKey, e -> 1L));
    }

    /**
     * Scenario 3: the registry's process (the stack's child JVM) killed with SIGKILL mid-stream; after 5 s a new
     * registry is started on the same port and the same KafkaSQL storage (by this benchmark: the stack does not
     * restart its child), as an operator's supervisor would. Broker, screener and retrainer keep running.
     */
    FaultRow registryRestart() throws Exception {
        SimulationPlan plan = probePlan("r");
        long killedAt;
        long readyAt;
        double downSeconds;
        SimulationReport sent;
        try (Arrivals predictions = new Arrivals(bootstrap, Topics.REE_PREDICTIONS.name());
             XrfSimulator probe = new XrfSimulator(bootstrap, serdes(), plan)) {
            CompletableFuture<SimulationReport> done = probe.start();
            predictions.awaitCount(predictions.count() + 5, START_UP, screener);
            ProcessHandle registry = ProcessHandle.of(registryPid).orElseThrow(() ->
                    new IllegalStateException("the registry's process " + registryPid + " is not running"));
            killedAt = System.currentTimeMillis();
            long killed = System.nanoTime();
            registry.destroyForcibly();
            registry.onExit().get(30, TimeUnit.SECONDS);
            Thread.sleep(5_000);
            long launched = System.nanoTime();
            restartedRegistry = EmbeddedSchemaRegistry.launch(work.resolve("stack").resolve("registry"), registryPort,
                    RegistryStorage.kafkaSql(bootstrap));
            restartedRegistry.awaitReady(START_UP, launched);
            registryPid = restartedRegistry.pid();
            readyAt = System.currentTimeMillis();
            downSeconds = (System.nanoTime() - killed) / 1e9;
            say(String.format(java.util.Locale.ROOT, "  registry killed, down %.1f s until the new one was ready", downSeconds));
            predictions.awaitCount(predictions.count() + 5, START_UP, screener);
            Thread.sleep(5_000);
            probe.stop();
            sent = done.get(2, TimeUnit.MINUTES);
        }
        Settled settled = settleReadings(sent);
        String decoding = decodeEverything(killedAt, readyAt);
        return new FaultRow("registry process kill -9 mid-stream, new registry on the same port and storage", 1,
                settled.compositions(), settled.deadLettered(), settled.predictionCheck() + "; " + decoding,
                List.of(new NamedTimes("registry down (kill → ready)", List.of(downSeconds))));
    }

    /** Every composition and prediction on the topics, decoded with new deserializers, by phase of the restart. */
    private String decodeEverything(long killedAt, long readyAt) {
        RegistrySerdes fresh = new RegistrySerdes(registryUrl, false);
        long[] decoded = new long[3];
        long[] undecodable = new long[3];
        for (Map.Entry<String, Deserializer<?>> topic : Map.<String, Deserializer<?>>of(
                Topics.LOT_COMPOSITIONS.name(), fresh.valueSerde(LotComposition.class).deserializer(),
                Topics.REE_PREDICTIONS.name(), fresh.valueSerde(ReePrediction.class).deserializer()).entrySet()) {
            for (ConsumerRecord<byte[], byte[]> r : CommittedTopic.read(bootstrap, topic.getKey())) {
                int phase = r.timestamp() < killedAt ? 0 : r.timestamp() < readyAt ? 1 : 2;
                try {
                    if (topic.getValue().deserialize(r.topic(), r.headers(), r.value()) == null) {
                        throw new IllegalStateException("null");
                    }
                    decoded[phase]++;
                } catch (RuntimeException e) {
                    undecodable[phase]++;
                }
            }
        }
        return String.format("decoded by a new consumer: %d before / %d during / %d after (compositions and "
                        + "predictions), undecodable %d / %d / %d", decoded[0], decoded[1], decoded[2], undecodable[0],
                undecodable[1], undecodable[2]);
    }

    /**
     * Scenario 4: a good release served, then a corrupt one, then models.releases compacted by the broker's cleaner
     * until only the corrupt record of the name is left, then the screener restarted: GET /model must name the good
     * release.
     */
    FaultRow corruptReleaseCompactedThenRestart() throws Exception {
        CorruptRelease releases = new CorruptRelease(bootstrap, registryUrl, run);
        releases.compactSoon();
        String good = releases.publishGood();
        ModelEndpoint model = new ModelEndpoint(screenerPort);
        long published = System.nanoTime();
        model.awaitVersion(good, Duration.ofMinutes(3));
        long corruptOffset = releases.publishCorrupt();
        long compacting = System.nanoTime();
        releases.awaitOnlyRecord(corruptOffset, Duration.ofMinutes(3));
        double compactionSeconds = (System.nanoTime() - compacting) / 1e9;
        long before = screener.linesStartingWith("Screener up:");
        long stopping = System.nanoTime();
        screener.kill();
        long restarted = System.nanoTime();
        screener.start();
        screener.awaitLine("Screener up:", before, START_UP);
        String served = model.awaitAnyVersion(Duration.ofMinutes(2));
        double restartToServed = (System.nanoTime() - restarted) / 1e9;
        say(String.format(java.util.Locale.ROOT, "  served %s before, compaction %.1f s, after kill -9 and restart: %s",
                good, compactionSeconds, served));
        return new FaultRow("good release, corrupt release, models.releases compacted to the corrupt record, screener "
                + "kill -9 and restart", 1, null, "GET /model after the restart: " + served
                + (served.equals(good) ? " = the good release ✔" : " ≠ the good release " + good + " ✘"),
                List.of(new NamedTimes("compaction", List.of(compactionSeconds)),
                        new NamedTimes("restart → /model answers", List.of(restartToServed))));
    }

    private record Restart(double killToOutputSeconds, double restartToOutputSeconds) {
    }

    /** Kills (or stops) the service, starts it again at once, and waits for its output to flow again. */
    private Restart restart(ReescreenProcess service, boolean kill, Arrivals output) throws Exception {
        output.awaitCount(output.count() + 3, START_UP, service); // steady output before the fault
        long signalled = System.nanoTime();
        if (kill) {
            service.kill();
        } else {
            service.terminate();
        }
        long exited = System.nanoTime();
        service.start();
        Thread.sleep(1_000); // what the old instance committed has arrived by now; the new one is still starting
        long flowing = output.awaitCount(output.count() + 1, START_UP, service);
        return new Restart((flowing - signalled) / 1e9, (flowing - exited) / 1e9);
    }

    private record Settled(ExactCounts compositions, String deadLettered, String predictionCheck) {
    }

    /**
     * Waits until every probe lot's final composition counts its acknowledged readings exactly (or the counts stop
     * moving, see {@link #SETTLING}), then compares the final predictions' reading counts too.
     */
    private Settled settleReadings(SimulationReport sent) throws InterruptedException {
        RegistrySerdes fresh = new RegistrySerdes(registryUrl, false);
        Map<String, Long> expected = sent.goodReadingsPerLot();
        Settling.Outcome compositions = SETTLING.await(() -> ExactCounts.compare(sent.readingsSent(), expected,
                lastCounts(Topics.LOT_COMPOSITIONS.name(), fresh.valueSerde(LotComposition.class).deserializer(),
                        c -> new Keyed(c.getLotId().toString(), c.getShotCount()))));
        // The final prediction follows the final composition within the prediction interval.
        Settling.Outcome predictions = new Settling(Duration.ofSeconds(30), Duration.ofMinutes(2)).await(() ->
                ExactCounts.compare(sent.readingsSent(), expected, lastCounts(Topics.REE_PREDICTIONS.name(),
                        fresh.valueSerde(ReePrediction.class).deserializer(),
                        p -> new Keyed(p.getLotId().toString(), p.getReadingCount()))));
        ExactCounts p = predictions.counts();
        return new Settled(compositions.counts(), deadLettered(expected.keySet()), "compositions " + compositions.describe()
                + "; final predictions' reading counts: " + p.seen() + " of " + p.expected() + " (lost " + p.lost()
                + ", duplicated " + p.duplicated() + ")" + (compositions.counts().exact() && p.exact() ? " ✔" : " ✘"));
    }

    private record Keyed(String lotId, long count) {
    }

    /** The probe lots' readings on xrf.readings.dlq (keyed by lot id), by reason: "0", or e.g. "12 (UNKNOWN_LOT 12)". */
    private String deadLettered(Set<String> lots) {
        Map<String, Long> byReason = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : CommittedTopic.read(bootstrap, Topics.XRF_READINGS_DLQ.name())) {
            if (r.key() != null && lots.contains(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))) {
                org.apache.kafka.common.header.Header reason = r.headers().lastHeader(io.reescreen.schemas.DlqHeaders.REASON);
                byReason.merge(reason == null ? "?" : new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8),
                        1L, Long::sum);
            }
        }
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        return total == 0 ? "0" : total + " (" + byReason.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The count in the last committed record of each lot (each lot's records are on one partition, in order). */
    private <T> Map<String, Long> lastCounts(String topic, Deserializer<T> deserializer, Function<T, Keyed> count) {
        Map<String, Long> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : CommittedTopic.read(bootstrap, topic)) {
            if (r.value() != null) {
                Keyed keyed = count.apply(deserializer.deserialize(r.topic(), r.headers(), r.value()));
                last.put(keyed.lotId(), keyed.count());
            }
        }
        return last;
    }

    /** Good readings only, for 12 lots of their own, until stopped, at the configured rate. */
    private SimulationPlan probePlan(String suffix) {
        SimulationPlan plan = SimulationPlan.builder().runId("faults" + run + suffix).seed(7)
                .lotMix(LotMix.of(12, 1.0 / 3, 7)).readingsPerSecond(settings.rate()).badInputFraction(0)
                .untilStopped().recordReadingIds(false).build();
        probes.add(plan);
        return plan;
    }

    private RegistrySerdes serdes() {
        return new RegistrySerdes(registryUrl, true);
    }

    private void say(String line) {
        progress.println(line);
        progress.flush();
    }

    @Override
    public void close() throws Exception {
        screener.stopIfRunning();
        retrainer.stopIfRunning();
        if (restartedRegistry != null) {
            restartedRegistry.close(); // before the broker it stores its schemas on
        }
        stack.stopIfRunning();
    }

    /** On Ctrl-C of the bench: no service or stack outlives it. */
    private void killChildren() {
        for (ReescreenProcess process : List.of(screener, retrainer, stack)) {
            process.destroyIfRunning();
        }
        if (restartedRegistry != null) {
            restartedRegistry.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
