package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.reescreen.bench.faults.Arrivals;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.Topics;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.XrfSimulator;
import io.reescreen.simulator.lab.LabPlan;
import io.reescreen.simulator.lab.LabSimulator;
import io.reescreen.simulator.lab.SimulatedLabResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./reescreen screener} and {@code ./reescreen retrainer} as processes of their own against a running broker and
 * registry, killed ({@code kill -9}) and stopped (SIGTERM) mid-stream and started again as an operator would: the
 * restarted instance takes its partitions back at once (static membership) instead of waiting for the old member's
 * session to expire (45 s), and predictions and training examples flow again within seconds of its streams starting.
 * The figures printed also give the whole gap, from the restart to output again, which adds the JVM's and the
 * service's start-up (the model, Micronaut) and so depends on the machine's load.
 *
 * <p>{@code -Dreescreen.restart.rounds=N} repeats each kind of restart N times (figures for the README);
 * {@code -Dreescreen.restart.dynamic=true} runs the services without an instance name, as before, for comparison.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ServiceRestartEmbeddedTest {

    private static final int ROUNDS = Integer.getInteger("reescreen.restart.rounds", 1);
    private static final boolean DYNAMIC = Boolean.getBoolean("reescreen.restart.dynamic");
    /**
     * From the restarted service's streams starting to its output flowing again; before static membership this alone
     * waited for the old member's session, 45 s after the kill, less the start-up. Generous: on the shared 2-core build
     * machine at a load average of 25 to 30 it took 7 to 24 s (restoring the stores and the first transaction, slowed
     * down by the load), where an idle machine takes a few seconds.
     */
    private static final Duration PROCESSING_AGAIN_WITHIN = Duration.ofSeconds(DYNAMIC ? 120 : 30);

    @TempDir
    Path workDir;

    private final List<String> figures = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aKilledOrStoppedServiceIsProcessingAgainWithinSecondsOfItsRestart(EmbeddedStack stack) throws Exception {
        Path model = workDir.resolve("bootstrap.model");
        // Small, to keep the test short; the services load it from the file as they would the demo's.
        Files.write(model, ModelArtifactCodec.encode(BootstrapModel.trainSynthetic(
                new BootstrapModel.SyntheticSpecification(60, 2, 10, 42L)).artifact()));
        String run = UUID.randomUUID().toString().substring(0, 8);
        ServiceProcess screener = new ServiceProcess("screener", stack, model, run);
        ServiceProcess retrainer = new ServiceProcess("retrainer", stack, model, run);
        SimulationPlan plan = SimulationPlan.builder().lotMix(LotMix.of(6, 1.0 / 3, 42)).readingsPerSecond(20)
                .badInputFraction(0).untilStopped().recordReadingIds(false).build();
        try (Arrivals predictions = new Arrivals(stack.bootstrapServers(), Topics.REE_PREDICTIONS.name());
             Arrivals examples = new Arrivals(stack.bootstrapServers(), Topics.TRAINING_EXAMPLES.name());
             XrfSimulator readings = new XrfSimulator(stack.bootstrapServers(), stack.serdes(), plan);
             LabFeed lab = new LabFeed(stack, plan)) {
            screener.start();
            retrainer.start();
            readings.start();
            predictions.awaitCount(predictions.count() + 1, Duration.ofMinutes(5), "the first prediction", screener);
            lab.start();
            examples.awaitCount(examples.count() + 1, Duration.ofMinutes(5), "the first training example", retrainer);

            // The two services restart side by side: neither's output needs the other up (the retrainer joins lab
            // results with compositions it has already stored), and the suite need not wait for them in turn.
            ExecutorService services = Executors.newFixedThreadPool(2);
            try {
                Future<?> screenerRestarts = services.submit(() -> restarts(screener, predictions));
                Future<?> retrainerRestarts = services.submit(() -> restarts(retrainer, examples));
                awaitRestarts(screenerRestarts);
                awaitRestarts(retrainerRestarts);
            } finally {
                services.shutdownNow();
            }
        } finally {
            screener.stop();
            retrainer.stop();
            System.out.println("Restart figures (" + (DYNAMIC ? "dynamic" : "static") + " membership):");
            figures.forEach(f -> System.out.println("  " + f));
        }
    }

    /** Each round: a {@code kill -9}, then a SIGTERM, each followed by a restart at once. */
    private Void restarts(ServiceProcess service, Arrivals output) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            restart(service, true, output);
            restart(service, false, output);
        }
        return null;
    }

    /** Waits for one service's restarts; a failure is rethrown as it was raised (the assertion, with its message). */
    private static void awaitRestarts(Future<?> restarts) throws Exception {
        try {
            restarts.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        }
    }

    /** Kills (or stops) the service, starts it again at once, and waits for its output to flow again. */
    private void restart(ServiceProcess service, boolean kill, Arrivals output) throws Exception {
        output.awaitCount(output.count() + 3, Duration.ofMinutes(3), "steady output before the restart", service);
        long stopping = System.nanoTime();
        service.stop(kill);
        long stopped = System.nanoTime();
        long upBefore = service.upLines();
        service.start();
        Thread.sleep(1000); // whatever the old instance committed is read by now; the new one is still starting
        long before = output.count();
        long streamsStarted = service.awaitUp(upBefore, Duration.ofMinutes(3));
        output.awaitCount(before + 1, PROCESSING_AGAIN_WITHIN.plusSeconds(30), service.name + " output after the restart",
                service);
        long flowing = System.nanoTime();
        double stopSeconds = (stopped - stopping) / 1e9;
        double gapSeconds = (flowing - stopped) / 1e9;
        double fromStreamsStart = (flowing - streamsStarted) / 1e9;
        figures.add(String.format(Locale.ROOT, "%-9s %-7s stop took %4.1f s; restart to %s again %4.1f s, of which "
                        + "streams start to output %4.1f s", service.name, kill ? "kill -9" : "SIGTERM", stopSeconds,
                service.name.equals("screener") ? "predictions" : "training examples", gapSeconds, fromStreamsStart));
        System.out.println(figures.get(figures.size() - 1));
        if (!DYNAMIC) {
            assertTrue(service.isStaticMember(), service.name + " is not in its group under its group.instance.id "
                    + service.groupInstanceId() + "; log: " + service.tail());
        }
        assertTrue(fromStreamsStart < PROCESSING_AGAIN_WITHIN.toSeconds(), service.name + " processed again only "
                + fromStreamsStart + " s after its streams started (" + (kill ? "kill -9" : "SIGTERM") + "); log: "
                + service.tail());
    }

    /** One service as {@code ./reescreen <service>} would run it, in a JVM of its own, on a fixed port. */
    private final class ServiceProcess implements Arrivals.Source {
        final String name;
        final EmbeddedStack stack;
        final Path model;
        final String applicationId;
        final int port;
        final Path dir;
        final Path log;
        Process process;

        ServiceProcess(String name, EmbeddedStack stack, Path model, String run) throws Exception {
            this.name = name;
            this.stack = stack;
            this.model = model;
            this.applicationId = "restart-test-" + name + "-" + run; // a group of its own, whatever else the stack runs
            this.port = freePort();
            this.dir = workDir.resolve(name);
            this.log = workDir.resolve(name + ".log");
        }

        void start() throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true",
                    "-Dkafka.streams." + name + ".application.id=" + applicationId,
                    // No retraining during the test: the gaps measured are the restart's, not a training's.
                    "-Dreescreen.retrainer.retrain-every=1000000",
                    "-cp", System.getProperty("java.class.path"),
                    Reescreen.class.getName(), name,
                    "--http-port", String.valueOf(port),
                    "--work-dir", dir.toString(),
                    "--bootstrap-model", model.toString()));
            if (DYNAMIC) {
                command.addAll(List.of("--instance-name", ""));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
            builder.environment().put("SCHEMA_REGISTRY_URL", stack.registryUrl());
            process = builder.start();
        }

        void stop(boolean kill) throws Exception {
            if (kill) {
                process.destroyForcibly(); // SIGKILL: no commit, no close, an open transaction left behind
            } else {
                process.destroy(); // SIGTERM: the shutdown hook closes the streams
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(name + " did not stop within 60 s of " + (kill ? "SIGKILL" : "SIGTERM") + "; log: " + tail());
            }
        }

        void stop() throws Exception {
            if (process != null && process.isAlive()) {
                stop(false);
            }
        }

        /** The end of the service's log, for a failure message (the work folder is deleted after the test). */
        @Override
        public String tail() {
            try {
                List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                return log + ", last lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (java.io.IOException e) {
                return log + " (unreadable: " + e + ")";
            }
        }

        /** What {@code --instance-name <service>-<port>} makes, with the stream thread's index Kafka Streams adds. */
        String groupInstanceId() throws Exception {
            return hostName() + "-" + name + "-" + port + "-1";
        }

        /** True when the group's members include this service under its static group.instance.id. */
        boolean isStaticMember() throws Exception {
            String expected = groupInstanceId();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                return admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId).members()
                        .stream().anyMatch(m -> m.groupInstanceId().filter(expected::equals).isPresent());
            }
        }

        /** How many times the service said its streams started ("Screener up: ..."), over all its runs. */
        long upLines() throws java.io.IOException {
            if (!Files.exists(log)) {
                return 0;
            }
            String prefix = Character.toUpperCase(name.charAt(0)) + name.substring(1) + " up:";
            try (java.util.stream.Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                return lines.filter(line -> line.startsWith(prefix)).count();
            }
        }

        /** Waits for the next "... up:" line; returns when it was seen (System.nanoTime). */
        long awaitUp(long before, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (upLines() <= before) {
                if (System.nanoTime() > deadline || !isAlive()) {
                    fail(name + " did not start its streams within " + timeout.toSeconds() + " s; log: " + log);
                }
                Thread.sleep(20);
            }
            return System.nanoTime();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isAlive() {
            return process != null && process.isAlive();
        }
    }

    /** A lab reporting a result for one of the simulated lots every 200 ms, each under a new lab result id. */
    private static final class LabFeed implements AutoCloseable {
        private final KafkaProducer<String, LabResult> producer;
        private final List<LabResult> templates;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        LabFeed(EmbeddedStack stack, SimulationPlan plan) {
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    new StringSerializer(), stack.serdes().valueSerde(LabResult.class).serializer());
            this.templates = new LabSimulator(stack.bootstrapServers(), stack.serdes().valueSerde(LabResult.class),
                    plan.lots(), LabPlan.builder().seed(7).labResultFraction(1.0).build())
                    .results().stream().filter(SimulatedLabResult::isGood).map(SimulatedLabResult::labResult).toList();
            this.thread = new Thread(this::feed, "lab-feed");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void feed() {
            for (long n = 0; running.get(); n++) {
                LabResult result = LabResult.newBuilder(templates.get((int) (n % templates.size())))
                        .setLabResultId("restart-lab-" + n).build();
                producer.send(new ProducerRecord<>(Topics.LAB_RESULTS.name(), result.getLotId(), result));
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(5_000);
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The host name as the services take it (StaticMembership): $HOSTNAME, else the local host's name. */
    private static String hostName() throws Exception {
        String fromEnvironment = System.getenv("HOSTNAME");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.trim()
                : InetAddress.getLocalHost().getHostName();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
