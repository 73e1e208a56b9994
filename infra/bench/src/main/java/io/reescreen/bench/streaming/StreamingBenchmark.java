package io.reescreen.bench.streaming;

import io.reescreen.bench.Timings;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotGenerator;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.SimulatedShot;
import io.reescreen.screener.metrics.MicrometerScreenerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import io.reescreen.simulator.SimulationPlan;

import java.io.PrintStream;
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
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The streaming benchmark of issue 4, end to end on the embedded broker and registry of this machine:
 * (1) sustained readings per second through the screener and through a pass-through topology with the same serdes,
 * exactly-once and commit interval (the ceiling), alternated, medians; (2) produce-to-prediction latency at a paced
 * rate, at the screener's default commit interval and at a short one. Writes one Markdown report; asserts nothing.
 */
public final class StreamingBenchmark {

    /**
     * @param readings         readings per throughput repetition
     * @param rate             paced readings per second of the latency runs
     * @param seconds          length of each latency run
     * @param repetitions      throughput repetitions (each: pass-through then screener)
     * @param lots             simulated lots (spread over the 3 partitions)
     * @param shortCommitMs    the short commit interval of the second latency run
     * @param predictionInterval the screener's {@code reescreen.screener.prediction.interval} (ISO-8601), or null for
     *                         its configured default
     * @param streamThreads    above 1: one more phase, the screener and the pass-through with this many stream threads
     * @param instances        above 1: one more phase, this many screeners (and pass-throughs) sharing the partitions
     *                         under one application.id, in this JVM, each with its own state dir and HTTP port
     */
    public record Settings(int readings, double rate, int seconds, int repetitions, int lots, long shortCommitMs,
                           String predictionInterval, int streamThreads, int instances) {
        public Settings {
            if (readings < 1 || !(rate > 0) || seconds < 1 || repetitions < 1 || lots < 1 || shortCommitMs < 1) {
                throw new IllegalArgumentException("readings, rate, seconds, repetitions, lots, commit must be positive");
            }
            if (streamThreads < 1 || instances < 1) {
                throw new IllegalArgumentException("stream threads and instances must be at least 1");
            }
            if (instances > Topics.LOT_PARTITIONS || streamThreads > Topics.LOT_PARTITIONS) {
                throw new IllegalArgumentException("at most " + Topics.LOT_PARTITIONS + " stream threads or instances: "
                        + "the lots' topics have " + Topics.LOT_PARTITIONS + " partitions, so more would sit idle");
            }
            if (predictionInterval != null) {
                try {
                    java.time.Duration.parse(predictionInterval);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("prediction interval must be ISO-8601 (PT0.02S), got "
                            + predictionInterval, e);
                }
            }
        }
    }

    static final String PASS_IN = "bench.passthrough.in";
    static final String PASS_OUT = "bench.passthrough";
    /** The demo's small synthetic bootstrap model (rows, members, epochs, seed). */
    static final BootstrapModel.SyntheticSpecification DEMO_MODEL = new BootstrapModel.SyntheticSpecification(200, 10, 60, 42L);

    private final Settings settings;
    private final PrintStream progress;

    public StreamingBenchmark(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** @param drained outputs per second from the first send to the last output (the throughput when saturated) */
    private record Latency(long count, long expected, double p50, double p99, double max, double drained) {
    }

    public String run() throws Exception {
        Instant startedAt = Instant.now();
        long runStart = System.nanoTime();
        Path workDir = Files.createTempDirectory("reescreen-bench-streaming-");
        progress.println("starting the embedded broker and registry...");
        List<TopicSpec> topics = new ArrayList<>(Topics.ALL);
        EmbeddedStack stack = EmbeddedStack.start(workDir, true, 0, 0, topics);
        try (stack) {
            String bootstrap = stack.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(PASS_IN, Topics.LOT_PARTITIONS, (short) 1),
                        new NewTopic(PASS_OUT, Topics.LOT_PARTITIONS, (short) 1))).all().get();
            }

            progress.printf(Locale.ROOT, "training the demo's synthetic bootstrap model (%d rows, %d members, %d epochs)...%n",
                    DEMO_MODEL.rows(), DEMO_MODEL.members(), DEMO_MODEL.epochs());
            long t = System.nanoTime();
            BootstrapModel model = BootstrapModel.trainSynthetic(DEMO_MODEL);
            Path modelFile = workDir.resolve("bootstrap.model");
            Files.write(modelFile, ModelArtifactCodec.encode(model.artifact()));
            progress.printf(Locale.ROOT, "  trained in %.1f s%n", (System.nanoTime() - t) / 1e9);

            // Warm-up: rounds of a repetition's size until two in a row agree (WarmUp); reserve readings for the most.
            int warmup = WarmUp.MAX_ROUNDS * settings.readings();
            int latencyCount = (int) Math.round(settings.rate() * settings.seconds());
            // Latency runs: at the rate asked for and at a rate the screener sustains, each at two commit intervals.
            // ... and the throughput runs again through a screener that skips the hop onto the lots' partitions; then
            // per scale-out shape a warm-up, the throughput runs and one latency run.
            List<Shape> shapes = shapes();
            int total = 4 * warmup + 2 * settings.repetitions() * settings.readings() + 4 * latencyCount
                    + shapes.size() * (warmup + settings.repetitions() * settings.readings() + latencyCount);
            progress.printf(Locale.ROOT, "pre-generating and serializing %,d good readings over %d lots...%n", total, settings.lots());
            t = System.nanoTime();
            SimulationPlan plan = SimulationPlan.builder()
                    .lotMix(LotMix.of(settings.lots(), 1.0 / 3, 42))
                    .totalReadings(total)
                    .recordReadingIds(false)
                    .build();
            Serde<XrfReading> readingSerde = stack.serdes().valueSerde(XrfReading.class);
            List<byte[]> keys = new ArrayList<>(total);
            List<byte[]> values = new ArrayList<>(total);
            ShotGenerator generator = new ShotGenerator(plan);
            while (keys.size() < total && generator.hasNext()) {
                SimulatedShot shot = generator.next();
                if (shot.isGood()) {
                    XrfReading r = shot.reading();
                    keys.add(r.getLotId().toString().getBytes(StandardCharsets.UTF_8));
                    values.add(readingSerde.serializer().serialize(Topics.XRF_READINGS.name(), r));
                }
            }
            progress.printf(Locale.ROOT, "  %,d readings in %.1f s%n", keys.size(), (System.nanoTime() - t) / 1e9);

            try (Producer<byte[], byte[]> fast = producer(bootstrap, 5, 262_144);
                 Producer<byte[], byte[]> paced = producer(bootstrap, 0, 16_384)) {
                Serde<LotInfo> lotSerde = stack.serdes().valueSerde(LotInfo.class);
                Instant now = Instant.now();
                for (SimulatedLot lot : plan.lots()) {
                    fast.send(new ProducerRecord<>(Topics.LOTS.name(), lot.lotId().getBytes(StandardCharsets.UTF_8),
                            lotSerde.serializer().serialize(Topics.LOTS.name(), lot.toLotInfo(now))));
                }
                fast.flush();

                int next = warmTheJvm(stack, workDir, modelFile, readingSerde, fast, keys, values);

                progress.println("starting the screener (default commit interval) and the pass-through...");
                ScreenerService screener = startScreener(stack, workDir, modelFile, null, false);
                Properties sc = screener.streamsConfig();
                long commitMs = sc.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG) == null ? 100L
                        : Long.parseLong(sc.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG).toString());
                int threads = sc.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG) == null ? 1
                        : Integer.parseInt(sc.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG).toString());
                String guarantee = String.valueOf(sc.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
                KafkaStreams pass = PassThrough.start(bootstrap, "bench-passthrough-" + UUID.randomUUID(),
                        workDir.resolve("passthrough-state"), PASS_IN, PASS_OUT, readingSerde, commitMs, threads);
                List<Double> screenerRates = new ArrayList<>();
                List<Double> passRates = new ArrayList<>();
                Latency screenerDefault;
                Latency passDefault;
                Latency screenerShort;
                Latency screenerDefaultLow = null;
                Latency screenerShortLow = null;
                List<Double> noHopRates = new ArrayList<>();
                List<ScaledRow> scaled = new ArrayList<>();
                double lowRate = 0;
                double modelMs;
                long predictionsMade;
                String predictionInterval = screener.context().getBean(ScreenerSettings.class).predictionInterval().toString();
                Supplier<OutputWatcher.Coverage> readingCounts = () -> readingCounts(stack);
                try (OutputWatcher predictions = new OutputWatcher(bootstrap, Topics.REE_PREDICTIONS.name(),
                        readingCounts.get());
                     OutputWatcher passed = new OutputWatcher(bootstrap, PASS_OUT, OutputWatcher.Coverage.oneEach())) {
                    screener.awaitRunning(Duration.ofMinutes(3));
                    awaitRunning(pass, Duration.ofMinutes(3));
                    progress.printf(Locale.ROOT, "  both RUNNING (%s, commit.interval.ms=%d, %d stream thread(s))%n",
                            guarantee, commitMs, threads);

                    next = warmUp(fast, keys, values, next, passed, predictions, "");
                    Timer modelTimer = screener.context().getBean(MeterRegistry.class)
                            .get(MicrometerScreenerMetrics.PREDICTION_LATENCY).timer();
                    long calls0 = modelTimer.count();
                    double modelTotal0 = modelTimer.totalTime(TimeUnit.MILLISECONDS);

                    alternate(fast, keys, values, next, passed, predictions, passRates, screenerRates, "");
                    next += settings.repetitions() * settings.readings();

                    predictionsMade = modelTimer.count() - calls0;
                    modelMs = (modelTimer.totalTime(TimeUnit.MILLISECONDS) - modelTotal0) / predictionsMade;
                    progress.printf(Locale.ROOT, "  model call: %.2f ms per prediction (mean over the throughput runs)%n", modelMs);
                    // A rate the screener keeps up with: half its measured throughput, in steps of 10/s.
                    lowRate = Math.max(10, 10 * Math.floor(median(screenerRates) / 2 / 10));
                    if (lowRate >= settings.rate()) {
                        lowRate = 0;
                    }

                    progress.printf(Locale.ROOT, "latency, screener, commit.interval.ms=%d: %,d readings at %.0f/s...%n",
                            commitMs, latencyCount, settings.rate());
                    screenerDefault = latency(paced, Topics.XRF_READINGS.name(), keys, values, next, settings.rate(),
                            latencyCount, predictions);
                    next += latencyCount;
                    progress.println("  " + describe(screenerDefault));
                    if (lowRate > 0) {
                        int n = (int) Math.round(lowRate * settings.seconds());
                        progress.printf(Locale.ROOT, "latency, screener, commit.interval.ms=%d: %,d readings at %.0f/s...%n",
                                commitMs, n, lowRate);
                        screenerDefaultLow = latency(paced, Topics.XRF_READINGS.name(), keys, values, next, lowRate, n, predictions);
                        next += n;
                        progress.println("  " + describe(screenerDefaultLow));
                    }
                    progress.printf(Locale.ROOT, "latency, pass-through, commit.interval.ms=%d...%n", commitMs);
                    passDefault = latency(paced, PASS_IN, keys, values, 0, settings.rate(), latencyCount, passed);
                    progress.println("  " + describe(passDefault));
                    progress.println("stopping the screener and the pass-through");
                    pass.close(Duration.ofSeconds(30));
                    screener.close();

                    // A fresh application.id starts from the earliest offset: drop what earlier phases produced.
                    truncate(bootstrap, Topics.XRF_READINGS.name());
                    progress.printf(Locale.ROOT, "starting a screener with commit.interval.ms=%d...%n", settings.shortCommitMs());
                    try (ScreenerService quick = startScreener(stack, workDir, modelFile, settings.shortCommitMs(), false)) {
                        quick.awaitRunning(Duration.ofMinutes(3));
                        predictions.restartCoverage(readingCounts.get());
                        // Warm-up on the new instance (unmeasured), readings not counted before.
                        int w = Math.min(3000, latencyCount);
                        List<byte[]> wk = new ArrayList<>(keys.subList(next, next + w));
                        throughputSlice(fast, Topics.XRF_READINGS.name(), wk, values.subList(next, next + w), predictions);
                        next += w;
                        int shortCount = Math.min(latencyCount, keys.size() - next);
                        progress.printf(Locale.ROOT, "latency, screener, commit.interval.ms=%d: %,d readings at %.0f/s...%n",
                                settings.shortCommitMs(), shortCount, settings.rate());
                        screenerShort = latency(paced, Topics.XRF_READINGS.name(), keys, values, next, settings.rate(),
                                shortCount, predictions);
                        next += shortCount;
                        progress.println("  " + describe(screenerShort));
                        if (lowRate > 0) {
                            int n = Math.min((int) Math.round(lowRate * settings.seconds()), keys.size() - next);
                            progress.printf(Locale.ROOT, "latency, screener, commit.interval.ms=%d: %,d readings at %.0f/s...%n",
                                    settings.shortCommitMs(), n, lowRate);
                            screenerShortLow = latency(paced, Topics.XRF_READINGS.name(), keys, values, next, lowRate, n,
                                    predictions);
                            next += n;
                            progress.println("  " + describe(screenerShortLow));
                        }
                    }

                    // The cost of the hop onto the lots' partitions: the same throughput runs through a screener that
                    // reads xrf.readings where the producer put them (this benchmark's producer is Java's, murmur2).
                    truncate(bootstrap, Topics.XRF_READINGS.name());
                    progress.println("starting a screener that skips the repartition hop"
                            + " (reescreen.screener.producers-partition-by-lot-id=true)...");
                    try (ScreenerService direct = startScreener(stack, workDir, modelFile, null, true)) {
                        direct.awaitRunning(Duration.ofMinutes(3));
                        predictions.restartCoverage(readingCounts.get());
                        next = warmUp(fast, keys, values, next, null, predictions, " without the hop");
                        for (int rep = 1; rep <= settings.repetitions() && next + settings.readings() <= keys.size(); rep++) {
                            double r = throughput(fast, Topics.XRF_READINGS.name(), keys, values, next,
                                    settings.readings(), predictions);
                            next += settings.readings();
                            noHopRates.add(r);
                            progress.printf(Locale.ROOT, "throughput %d/%d without the hop: %,.0f readings/s%n", rep,
                                    settings.repetitions(), r);
                        }
                    }

                    for (Shape shape : shapes) {
                        int needed = warmup + settings.repetitions() * settings.readings() + latencyCount;
                        if (next + needed > keys.size()) {
                            progress.printf(Locale.ROOT, "not enough readings left for %s; skipped%n", shape);
                            continue;
                        }
                        scaled.add(scaleOut(shape, stack, workDir, modelFile, readingSerde, commitMs, fast, paced, keys,
                                values, next, warmup, latencyCount, predictions, passed, readingCounts));
                        next += needed;
                    }
                } finally {
                    pass.close(Duration.ofSeconds(30));
                    screener.close();
                }
                double seconds = (System.nanoTime() - runStart) / 1e9;
                String md = report(startedAt, seconds, commitMs, threads, guarantee, screenerRates, passRates,
                        screenerDefault, passDefault, screenerShort, lowRate, screenerDefaultLow, screenerShortLow, modelMs,
                        predictionsMade, predictionInterval, noHopRates);
                if (!scaled.isEmpty()) {
                    List<ScaledRow> rows = new ArrayList<>();
                    rows.add(new ScaledRow(new Shape(threads, 1), screenerRates, passRates, screenerDefault, passDefault,
                            modelMs));
                    rows.addAll(scaled);
                    md += scaleOutSection(rows, commitMs);
                }
                return md;
            }
        }
    }

    /** @param skipHop reads xrf.readings where the producer put them (no repartition topic) */
    private ScreenerService startScreener(EmbeddedStack stack, Path workDir, Path modelFile, Long commitMs,
                                          boolean skipHop) {
        String id = "bench-screener-" + UUID.randomUUID();
        return startScreener(stack, workDir.resolve(id), id, modelFile, commitMs, skipHop, 1);
    }

    private ScreenerService startScreener(EmbeddedStack stack, Path stateDir, String id, Path modelFile, Long commitMs,
                                          boolean skipHop, int threads) {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", stack.bootstrapServers());
        p.put("reescreen.registry.url", stack.registryUrl());
        p.put("micronaut.server.port", 0);
        p.put("kafka.streams.screener.application.id", id);
        p.put("kafka.streams.screener.state.dir", stateDir.toString());
        if (threads > 1) {
            p.put("kafka.streams.screener." + StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        }
        p.put("reescreen.screener.bootstrap-model", modelFile.toString());
        p.put("reescreen.screener.require-lot-info", true);
        p.put(ScreenerSettings.PRODUCERS_PARTITION_BY_LOT_ID, skipHop);
        if (commitMs != null) {
            p.put("kafka.streams.screener.commit.interval.ms", commitMs);
        }
        if (settings.predictionInterval() != null) {
            p.put(ScreenerSettings.PREDICTION_INTERVAL, settings.predictionInterval());
        }
        return ScreenerService.start(p);
    }

    /** How a phase spreads the work: stream threads per instance, instances sharing one application.id. */
    record Shape(int threads, int instances) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d instance%s, %d stream thread%s each", instances,
                    instances == 1 ? "" : "s", threads, threads == 1 ? "" : "s");
        }
    }

    /** One shape's figures: throughput per repetition of the screener and the pass-through, latency at the rate. */
    private record ScaledRow(Shape shape, List<Double> screenerRates, List<Double> passRates, Latency screener,
                             Latency pass, double modelMs) {
    }

    /** The scale-out phases asked for: more stream threads in one instance, and more instances of one thread. */
    private List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        if (settings.streamThreads() > 1) {
            shapes.add(new Shape(settings.streamThreads(), 1));
        }
        if (settings.instances() > 1) {
            shapes.add(new Shape(1, settings.instances()));
        }
        return shapes;
    }

    /**
     * One scale-out phase on fresh application ids: the screener and the pass-through in the same shape, warmed up,
     * then the throughput repetitions alternated, then a paced latency run through each. Readings [from, from + warmup
     * (the warm-up's reserve) + repetitions x readings + latencyCount) go to the screener; the pass-through is given the same slices.
     */
    private ScaledRow scaleOut(Shape shape, EmbeddedStack stack, Path workDir, Path modelFile, Serde<XrfReading> serde,
                               long commitMs, Producer<byte[], byte[]> fast, Producer<byte[], byte[]> paced,
                               List<byte[]> keys, List<byte[]> values, int from, int warmup, int latencyCount,
                               OutputWatcher predictions, OutputWatcher passed,
                               Supplier<OutputWatcher.Coverage> readingCounts) throws Exception {
        // Fresh application ids start from the earliest offsets: drop what earlier phases produced.
        truncate(stack.bootstrapServers(), Topics.XRF_READINGS.name());
        truncate(stack.bootstrapServers(), PASS_IN);
        progress.printf(Locale.ROOT, "starting the screener and the pass-through as %s...%n", shape);
        String screenerId = "bench-screener-" + UUID.randomUUID();
        String passId = "bench-passthrough-" + UUID.randomUUID();
        List<ScreenerService> screeners = new ArrayList<>();
        List<KafkaStreams> passes = new ArrayList<>();
        try {
            for (int i = 0; i < shape.instances(); i++) {
                screeners.add(startScreener(stack, workDir.resolve(screenerId + "-" + i), screenerId, modelFile, null,
                        false, shape.threads()));
                passes.add(PassThrough.start(stack.bootstrapServers(), passId, workDir.resolve(passId + "-" + i), PASS_IN,
                        PASS_OUT, serde, commitMs, shape.threads()));
            }
            awaitAllRunning(screeners, passes, Duration.ofMinutes(3));
            predictions.restartCoverage(readingCounts.get());
            warmUp(fast, keys, values, from, passed, predictions, ", " + shape);
            int next = from + warmup; // the warm-up's reserve, used or not
            List<Timer> modelTimers = screeners.stream().map(sc -> sc.context().getBean(MeterRegistry.class)
                    .get(MicrometerScreenerMetrics.PREDICTION_LATENCY).timer()).toList();
            long calls0 = modelTimers.stream().mapToLong(Timer::count).sum();
            double total0 = modelTimers.stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum();
            List<Double> screenerRates = new ArrayList<>();
            List<Double> passRates = new ArrayList<>();
            alternate(fast, keys, values, next, passed, predictions, passRates, screenerRates, ", " + shape);
            next += settings.repetitions() * settings.readings();
            long calls = modelTimers.stream().mapToLong(Timer::count).sum() - calls0;
            double modelMs = (modelTimers.stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum() - total0)
                    / calls;
            progress.printf(Locale.ROOT, "latency, %s: %,d readings at %.0f/s through each...%n", shape, latencyCount,
                    settings.rate());
            Latency screener = latency(paced, Topics.XRF_READINGS.name(), keys, values, next, settings.rate(),
                    latencyCount, predictions);
            progress.println("  screener " + describe(screener));
            Latency pass = latency(paced, PASS_IN, keys, values, from, settings.rate(), latencyCount, passed);
            progress.println("  pass-through " + describe(pass));
            return new ScaledRow(shape, screenerRates, passRates, screener, pass, modelMs);
        } finally {
            for (KafkaStreams p : passes) {
                p.close(Duration.ofSeconds(30));
            }
            for (ScreenerService sc : screeners) {
                sc.close();
            }
        }
    }

    /** Waits until every screener and pass-through instance is RUNNING at once (a joining one rebalances the rest). */
    private static void awaitAllRunning(List<ScreenerService> screeners, List<KafkaStreams> passes, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ScreenerService sc : screeners) {
                sc.awaitRunning(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            for (KafkaStreams p : passes) {
                awaitRunning(p, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            boolean all = screeners.stream().allMatch(sc -> sc.streamsState() == KafkaStreams.State.RUNNING)
                    && passes.stream().allMatch(p -> p.state() == KafkaStreams.State.RUNNING);
            if (all) {
                return;
            }
        }
    }

    private String scaleOutSection(List<ScaledRow> rows, long commitMs) {
        StringBuilder md = new StringBuilder();
        md.append("\n## Scaling out: stream threads and instances\n\n");
        md.append(String.format(Locale.ROOT, "Each shape on fresh application ids, the screener beside a pass-through of "
                        + "the same shape (threads, instances, exactly_once_v2, commit.interval.ms=%d): %d throughput "
                        + "repetitions of %,d readings after a warm-up, then %.0f readings/s for %d s through each. "
                        + "Instances share one application.id and the %d partitions, each with its own state dir and "
                        + "HTTP port, all in this benchmark's JVM: on %d cores they share the CPUs with the broker, the "
                        + "producer and each other, so this shows what Kafka's scaling out buys on this machine, not "
                        + "on more. The first row is the run above.%n%n", commitMs, settings.repetitions(),
                settings.readings(), settings.rate(), settings.seconds(), Topics.LOT_PARTITIONS,
                Runtime.getRuntime().availableProcessors()));
        String at = fmt(settings.rate()) + "/s";
        md.append("| shape | screener, readings/s (median; min–max) | pass-through, readings/s (median; min–max) "
                + "| screener / pass-through | screener latency at " + at + " | pass-through latency at " + at
                + " | screener p99 − pass-through p99 | model call, ms per prediction |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaledRow r : rows) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < r.screenerRates().size(); i++) {
                ratios.add(r.screenerRates().get(i) / r.passRates().get(i));
            }
            md.append(String.format(Locale.ROOT, "| %s | %,.0f (%,.0f–%,.0f) | %,.0f (%,.0f–%,.0f) | %.0f %% | %s | %s "
                            + "| %+,.0f ms | %.2f |%n", r.shape(), median(r.screenerRates()), min(r.screenerRates()),
                    max(r.screenerRates()), median(r.passRates()), min(r.passRates()), max(r.passRates()),
                    100 * median(ratios), cell(r.screener()), cell(r.pass()), r.screener().p99() - r.pass().p99(),
                    r.modelMs()));
        }
        md.append("\nIssue 15's targets: screener ≥ 50 % of the pass-through's throughput; p99 at 1,000 readings/s ≤ the "
                + "pass-through's p99 + 30 ms at the same commit interval.\n");
        return md.toString();
    }

    private static Producer<byte[], byte[]> producer(String bootstrap, int lingerMs, int batchSize) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, batchSize),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The throughput repetitions from reading {@code from} on, each the pass-through then the screener on the same slice. */
    /** Readings covered by the screener's predictions: each lot's latest reading count. */
    private static OutputWatcher.Coverage readingCounts(EmbeddedStack stack) {
        Deserializer<ReePrediction> values = stack.serdes().valueSerde(ReePrediction.class).deserializer();
        return OutputWatcher.Coverage.cumulative(
                r -> values.deserialize(r.topic(), r.headers(), r.value()).getReadingCount());
    }

    /**
     * The JVM's warm-up, before anything is measured: a screener and a pass-through on throwaway application ids, fed
     * rounds of readings until both settle ({@link #warmUp}), then closed. Without it the first phase ran in a cold
     * JVM (the broker, the clients and both topologies still being compiled) at about half the speed of the same phase
     * run later, for both topologies.
     *
     * @return the index of the first reading not used
     */
    private int warmTheJvm(EmbeddedStack stack, Path workDir, Path modelFile, Serde<XrfReading> serde,
                           Producer<byte[], byte[]> fast, List<byte[]> keys, List<byte[]> values) throws Exception {
        progress.println("warming the JVM: a throwaway screener and pass-through...");
        String passId = "bench-warm-passthrough-" + UUID.randomUUID();
        try (ScreenerService screener = startScreener(stack, workDir, modelFile, null, false);
             OutputWatcher predictions = new OutputWatcher(stack.bootstrapServers(), Topics.REE_PREDICTIONS.name(),
                     readingCounts(stack));
             OutputWatcher passed = new OutputWatcher(stack.bootstrapServers(), PASS_OUT,
                     OutputWatcher.Coverage.oneEach())) {
            KafkaStreams pass = PassThrough.start(stack.bootstrapServers(), passId, workDir.resolve(passId), PASS_IN,
                    PASS_OUT, serde, 100, 1);
            try {
                screener.awaitRunning(Duration.ofMinutes(3));
                awaitRunning(pass, Duration.ofMinutes(3));
                return warmUp(fast, keys, values, 0, passed, predictions, " of the JVM");
            } finally {
                pass.close(Duration.ofSeconds(30));
            }
        } finally {
            // The measured screeners start on fresh application ids, from the earliest offsets.
            truncate(stack.bootstrapServers(), Topics.XRF_READINGS.name());
            truncate(stack.bootstrapServers(), PASS_IN);
        }
    }

    /**
     * Warms a freshly started screener (and pass-through, unless {@code passed} is null) with rounds of
     * {@code settings.readings()} readings, alternated as in the measured repetitions, until each one's last two rounds
     * agree within {@link WarmUp#TOLERANCE}, at most {@link WarmUp#MAX_ROUNDS} rounds. A JVM's first phase needs
     * several: the broker, the clients and both topologies are still being compiled (rounds of 3,000 readings
     * stopped while the throughput was still doubling).
     *
     * @return the index of the first reading not used
     */
    private int warmUp(Producer<byte[], byte[]> fast, List<byte[]> keys, List<byte[]> values, int from,
                       OutputWatcher passed, OutputWatcher predictions, String phase) throws InterruptedException {
        WarmUp pass = new WarmUp();
        WarmUp screener = new WarmUp();
        int next = from;
        int n = settings.readings();
        while ((!screener.stable() || (passed != null && !pass.stable())) && screener.rounds() < WarmUp.MAX_ROUNDS
                && next + n <= keys.size()) {
            if (passed != null) {
                pass.add(throughput(fast, PASS_IN, keys, values, next, n, passed));
            }
            screener.add(throughput(fast, Topics.XRF_READINGS.name(), keys, values, next, n, predictions));
            next += n;
        }
        progress.printf(Locale.ROOT, "warm-up%s: %d round(s) of %,d readings; screener %s%s%n", phase, screener.rounds(),
                n, screener, passed == null ? "" : "; pass-through " + pass);
        return next;
    }

    private void alternate(Producer<byte[], byte[]> fast, List<byte[]> keys, List<byte[]> values, int from,
                           OutputWatcher passed, OutputWatcher predictions, List<Double> passRates,
                           List<Double> screenerRates, String phase) throws InterruptedException {
        int next = from;
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            double p = throughput(fast, PASS_IN, keys, values, next, settings.readings(), passed);
            double s = throughput(fast, Topics.XRF_READINGS.name(), keys, values, next, settings.readings(), predictions);
            next += settings.readings();
            passRates.add(p);
            screenerRates.add(s);
            progress.printf(Locale.ROOT, "throughput %d/%d%s: pass-through %,.0f readings/s, screener %,.0f readings/s "
                    + "(%.0f %%)%n", rep, settings.repetitions(), phase, p, s, 100 * s / p);
        }
    }

    /** Sends readings [from, from+count) as fast as possible; readings/s from first send to last output consumed. */
    private double throughput(Producer<byte[], byte[]> producer, String topic, List<byte[]> keys, List<byte[]> values,
                              int from, int count, OutputWatcher watcher) throws InterruptedException {
        return throughputSlice(producer, topic, keys.subList(from, from + count), values.subList(from, from + count), watcher);
    }

    private double throughputSlice(Producer<byte[], byte[]> producer, String topic, List<byte[]> keys, List<byte[]> values,
                                   OutputWatcher watcher) throws InterruptedException {
        int count = keys.size();
        watcher.begin(count, false);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)));
        }
        producer.flush();
        long end = watcher.await(Duration.ofSeconds(Math.max(120, count / 100)));
        if (end < 0) {
            throw new IllegalStateException("only " + watcher.count() + " of " + count + " outputs arrived from " + topic);
        }
        return count / ((end - t0) / 1e9);
    }

    /** Sends readings on an absolute schedule at the configured rate; latency = wall time at which an output covering
     *  the reading is received - wall time just before the reading was sent. */
    private Latency latency(Producer<byte[], byte[]> producer, String topic, List<byte[]> keys, List<byte[]> values,
                            int from, double rate, int count, OutputWatcher watcher) throws InterruptedException {
        watcher.begin(count, true);
        long period = Math.round(1e9 / rate);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = t0 + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            watcher.sent(keys.get(from + i), System.currentTimeMillis());
            producer.send(new ProducerRecord<>(topic, keys.get(from + i), values.get(from + i)));
        }
        producer.flush();
        long end = watcher.await(Duration.ofSeconds(60));
        List<Long> ms = watcher.latenciesMs();
        if (ms.isEmpty()) {
            return new Latency(0, count, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] s = ms.stream().mapToDouble(v -> v / 1000.0).toArray();
        Timings timings = Timings.of(s);
        return new Latency(ms.size(), count, 1e3 * timings.quantileSeconds(0.5),
                1e3 * timings.quantileSeconds(0.99), 1e3 * timings.maxSeconds(), end < 0 ? Double.NaN : ms.size() / ((end - t0) / 1e9));
    }

    private static String describe(Latency l) {
        return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d of %,d outputs; %,.0f outputs/s "
                + "from first send to last output)", l.p50(), l.p99(), l.max(), l.count(), l.expected(), l.drained());
    }

    private static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()
                    && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("pass-through streams are " + streams.state());
            }
            Thread.sleep(50);
        }
    }

    private static void truncate(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.LOT_PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) ->
                    delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(delete).all().get();
        }
    }

    private static double median(List<Double> values) {
        return Timings.of(values.stream().mapToDouble(Double::doubleValue).toArray()).medianSeconds();
    }

    private String report(Instant startedAt, double seconds, long commitMs, int threads, String guarantee,
                          List<Double> screenerRates, List<Double> passRates, Latency screenerDefault,
                          Latency passDefault, Latency screenerShort, double lowRate, Latency screenerDefaultLow,
                          Latency screenerShortLow, double modelMs, long predictionsMade, String predictionInterval,
                          List<Double> noHopRates) {
        double s = median(screenerRates);
        double p = median(passRates);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < screenerRates.size(); i++) {
            ratios.add(screenerRates.get(i) / passRates.get(i));
        }
        double ratio = median(ratios);
        StringBuilder md = new StringBuilder();
        md.append("# Streaming benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d CPU cores (%s %s), Java %s (%s), in %.0f s. Embedded Kafka broker "
                        + "(KRaft, in the benchmark's JVM) and Apicurio Registry (child JVM) on this machine; producer, "
                        + "consumers, screener and pass-through all in the same JVM, so they share the cores.%n%n",
                startedAt, Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"), seconds));
        md.append("Settings: ").append(String.format(Locale.ROOT,
                "%d lots over %d partitions; %s, commit.interval.ms=%d (the screener's default), %d stream thread(s); "
                        + "outputs read with isolation.level=read_committed; bootstrap model: the demo's synthetic one "
                        + "(%d rows, %d members, %d epochs), trained once and given to every screener as a file; "
                        + "a fresh application.id per screener; throughput: %,d readings per repetition, %d repetitions "
                        + "(each: pass-through, then screener); latency: %.0f readings/s for %d s. Warm-up: first a "
                        + "throwaway screener and pass-through warm the JVM; then every newly started screener (and "
                        + "pass-through) is fed rounds of a repetition's size, alternated, until two rounds in a row "
                        + "agree within 10 %% (at most 5), before anything is measured.%n%n",
                settings.lots(), Topics.LOT_PARTITIONS, guarantee, commitMs, threads, DEMO_MODEL.rows(), DEMO_MODEL.members(),
                DEMO_MODEL.epochs(), settings.readings(), settings.repetitions(), settings.rate(), settings.seconds()));
        md.append("Throughput: the good readings are generated by the simulator's `ShotGenerator` and serialized with the "
                + "registry serde before the clock starts; measured from the first send to the moment the last "
                + "corresponding output record is consumed. Screener: `xrf.readings` → `ree.predictions`, done when the "
                + "predictions' reading counts cover every reading sent (the screener's default prediction interval "
                + "coalesces a lot's updates, so one prediction may cover several readings). Pass-through: `" + PASS_IN + "` → `" + PASS_OUT + "` (same bytes in, "
                + "deserialized as XrfReading with the registry serde and serialized back; same partitions, guarantee, "
                + "commit interval and threads). Latency: paced sends; per reading, the wall time at which the first "
                + "output covering it is consumed minus the wall time just before it was sent (a reading folded into a "
                + "later prediction counts the wait for that prediction).\n\n");
        md.append("Latency cells: p50 / p99 / max, then outputs received of those expected, and the outputs per second "
                + "from the first send to the last output (below the paced rate when the consumer of the input fell behind: "
                + "then it is the sustained throughput at that commit interval).\n\n");
        md.append("| measurement | screener | pass-through | screener / pass-through | target |\n");
        md.append("|---|---:|---:|---:|---|\n");
        md.append(String.format(Locale.ROOT, "| sustained throughput, readings/s (median of %d; min–max) | %,.0f (%,.0f–%,.0f) "
                        + "| %,.0f (%,.0f–%,.0f) | %.0f %% | ≥ 50 %% %s |%n", screenerRates.size(), s,
                min(screenerRates), max(screenerRates), p, min(passRates), max(passRates), 100 * ratio,
                ratio >= 0.5 ? "✔" : "✘"));
        if (!noHopRates.isEmpty()) {
            double direct = median(noHopRates);
            md.append(String.format(Locale.ROOT, "| sustained throughput without the hop onto the lots' partitions "
                            + "(producers-partition-by-lot-id=true), readings/s (median of %d; min–max) | %,.0f "
                            + "(%,.0f–%,.0f) | | with the hop: %.0f %% of this | |%n", noHopRates.size(), direct,
                    min(noHopRates), max(noHopRates), 100 * s / direct));
        }
        md.append(latencyRow("latency at " + fmt(settings.rate()) + "/s, commit.interval.ms=" + commitMs + " (default)",
                screenerDefault, passDefault));
        md.append(latencyRow("latency at " + fmt(settings.rate()) + "/s, commit.interval.ms=" + settings.shortCommitMs(),
                screenerShort, null));
        if (lowRate > 0) {
            md.append(latencyRow("latency at " + fmt(lowRate) + "/s (half the screener's throughput), commit.interval.ms="
                    + commitMs + " (default)", screenerDefaultLow, null));
            md.append(latencyRow("latency at " + fmt(lowRate) + "/s (half the screener's throughput), commit.interval.ms="
                    + settings.shortCommitMs(), screenerShortLow, null));
        }
        if (s < settings.rate()) {
            md.append(String.format(Locale.ROOT, "%nAt %s readings/s the screener is past its sustained throughput "
                    + "(%,.0f readings/s): the backlog grows for the whole run, so those latencies measure the queue, "
                    + "not the pipeline; the rows at %s/s show the latency where it keeps up.%n", fmt(settings.rate()), s,
                    fmt(lowRate)));
        }
        if (!Double.isNaN(screenerShort.drained()) && screenerShort.drained() < settings.rate() * 0.98) {
            md.append(String.format(Locale.ROOT, "%nThe short commit interval costs throughput: saturated at %s/s, the "
                            + "screener drained %,.0f readings/s with commit.interval.ms=%d against %,.0f/s with %d, so a "
                            + "fixed rate sits closer to saturation there (queueing shows in its p99).%n",
                    fmt(settings.rate()), screenerShort.drained(), settings.shortCommitMs(), screenerDefault.drained(), commitMs));
        }
        md.append(String.format(Locale.ROOT, "%nThe screener's model call (Micrometer timer `%s`, mean over the throughput "
                        + "runs): %.2f ms per prediction, i.e. at most %,.0f predictions/s on one stream thread from the "
                        + "model alone. Predictions made over the throughput runs: %,d for %,d readings (%s); each "
                        + "changed lot is scored at most once per prediction interval (%s), in one batch with the "
                        + "other changed lots.%n",
                MicrometerScreenerMetrics.PREDICTION_LATENCY, modelMs, 1000 / modelMs, predictionsMade,
                (long) settings.repetitions() * settings.readings(),
                String.format(Locale.ROOT, "%.2f per reading", predictionsMade / (double) (settings.repetitions() * settings.readings())),
                predictionInterval));
        md.append("\nPer repetition (readings/s): screener ").append(list(screenerRates)).append("; pass-through ")
                .append(list(passRates)).append(noHopRates.isEmpty() ? "" : "; screener without the hop "
                        + list(noHopRates)).append(".\n\n");
        md.append("""
                The screener copies readings and lot metadata onto internal topics partitioned by lot id before it
                screens them (so results do not depend on the producers' partitioner): one more write and read per
                record inside the transaction. The row without the hop is the same screener reading xrf.readings where
                a Java producer put them, run after the others on a fresh application.id.

                """);
        md.append("""
                ## Reading the latency figures

                With exactly_once_v2 the screener writes its outputs inside a Kafka transaction that is committed every
                commit.interval.ms; a read_committed consumer sees a prediction only after that commit, so the commit
                interval puts a floor under the latency (on average half an interval, up to a full one, plus the commit
                itself). A short interval buys latency with more transactions per second: each commit flushes the
                state stores and changelogs, writes the consumer offsets into the transaction and round-trips to the
                transaction coordinator, which costs CPU and broker work and lowers the sustained throughput. The
                pass-through row at the default interval shows the floor that the commit alone sets, without the
                screener's work.
                """);
        return md.toString();
    }

    private static String latencyRow(String label, Latency screener, Latency pass) {
        String target = Double.isNaN(screener.p99()) ? "" : screener.p99() < 50 ? "✔" : "✘";
        return String.format(Locale.ROOT, "| %s | %s | %s | | p99 < 50 ms %s |%n", label,
                cell(screener), pass == null ? "—" : cell(pass), target);
    }

    private static String cell(Latency l) {
        return String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f ms (%,d of %,d; %,.0f/s drained)", l.p50(), l.p99(), l.max(),
                l.count(), l.expected(), l.drained());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String list(List<Double> v) {
        return String.join(", ", v.stream().map(x -> String.format(Locale.ROOT, "%,.0f", x)).toList());
    }
}
