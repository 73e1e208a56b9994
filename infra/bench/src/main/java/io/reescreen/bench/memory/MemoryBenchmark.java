package io.reescreen.bench.memory;

import io.reescreen.bench.faults.ReescreenProcess;
import io.reescreen.bench.streaming.OutputWatcher;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotGenerator;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.SimulatedShot;
import io.reescreen.simulator.SimulationPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Issue 15's memory figures: a screener holding many lots in its stores, and a screener with many site models loaded,
 * each against the same screener idle. The screener runs as a process of its own ({@code ./reescreen screener}, as in
 * production) so that its RSS is its own, against the embedded broker and registry in this JVM, with a fixed,
 * pre-touched heap (so the heap's pages are all resident and RSS minus the JVM's committed memory is what the native
 * libraries hold) and Native Memory Tracking on. Lots go through the real topology: their LotInfo on {@code lots},
 * then their readings on {@code xrf.readings}, done when the predictions cover every reading. Asserts nothing.
 */
public final class MemoryBenchmark {

    /**
     * @param lots           lots fed to the first screener (0 skips that phase)
     * @param readingsPerLot readings per lot
     * @param sites          site models released to the second screener (0 skips that phase)
     * @param heap           the screener's -Xms and -Xmx, e.g. 1g
     * @param command        the command as typed, for the report
     */
    public record Settings(int lots, int readingsPerLot, int sites, String heap, String command) {
        public Settings {
            if (lots < 0 || readingsPerLot < 1 || sites < 0 || lots == 0 && sites == 0) {
                throw new IllegalArgumentException("lots and sites must be >= 0 (not both 0), readings per lot >= 1");
            }
            if (!heap.matches("\\d+[mMgG]")) {
                throw new IllegalArgumentException("heap takes a size like 768m or 1g, got " + heap);
            }
        }
    }

    /** The demo's bootstrap model, served to every lot without a site model. */
    static final BootstrapModel.SyntheticSpecification BASE = new BootstrapModel.SyntheticSpecification(200, 10, 60, 42L);
    /** Each site's model: the paper's 30 members, like a site's transfer of the paper's base; few epochs (its size, not its
     *  accuracy, is what is measured). */
    static final BootstrapModel.SyntheticSpecification SITE = new BootstrapModel.SyntheticSpecification(200, 30, 10, 43L);
    private static final Duration START_UP = Duration.ofMinutes(3);
    /** The lots' screener's application.id (its consumer group); the sites' screener adds "-sites". */
    private static final String SCREENER_GROUP = "reescreen-screener";

    private final Settings settings;
    private final PrintStream progress;

    public MemoryBenchmark(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public String run() throws Exception {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Path work = Files.createTempDirectory("reescreen-bench-memory-");
        progress.println("starting the embedded broker and registry...");
        try (EmbeddedStack stack = EmbeddedStack.start(work, true, 0, 0, new ArrayList<>(Topics.ALL))) {
            Path baseFile = work.resolve("bootstrap.model");
            Files.write(baseFile, ModelArtifactCodec.encode(BootstrapModel.trainSynthetic(BASE).artifact()));
            List<MemoryReport.Pair> pairs = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            if (settings.lots() > 0) {
                pairs.add(lotsPhase(stack, work, baseFile, notes));
            }
            if (settings.sites() > 0) {
                pairs.add(sitesPhase(stack, work, baseFile, notes));
            }
            return report(startedAt, (System.nanoTime() - t0) / 1e9, pairs, notes);
        }
    }

    private MemoryReport.Pair lotsPhase(EmbeddedStack stack, Path work, Path baseFile, List<String> notes)
            throws Exception {
        ReescreenProcess screener = screener(stack, work, "screener-lots", baseFile, SCREENER_GROUP);
        try {
            MemorySnapshot idle = ProcessMemory.measure("nothing (idle, after start)", screener.pid());
            int readings = settings.lots() * settings.readingsPerLot();
            progress.printf(Locale.ROOT, "generating %,d lots, %d reading(s) each...%n", settings.lots(),
                    settings.readingsPerLot());
            SimulationPlan plan = SimulationPlan.builder()
                    .runId("mem")
                    .lotMix(LotMix.of(settings.lots(), 1.0 / 3, 42))
                    .shotsPerLot(settings.readingsPerLot())
                    .totalReadings(readings)
                    .recordReadingIds(false)
                    .build();
            Serde<XrfReading> readingSerde = stack.serdes().valueSerde(XrfReading.class);
            Serde<LotInfo> lotSerde = stack.serdes().valueSerde(LotInfo.class);
            Deserializer<ReePrediction> predictions = stack.serdes().valueSerde(ReePrediction.class).deserializer();
            long sendStart;
            try (OutputWatcher watcher = new OutputWatcher(stack.bootstrapServers(), Topics.REE_PREDICTIONS.name(),
                    OutputWatcher.Coverage.cumulative(r -> predictions.deserialize(r.topic(), r.headers(), r.value())
                            .getReadingCount()));
                 Producer<byte[], byte[]> producer = producer(stack.bootstrapServers())) {
                watcher.begin(readings, false);
                sendStart = System.nanoTime();
                Instant now = Instant.now();
                for (SimulatedLot lot : plan.lots()) {
                    producer.send(new ProducerRecord<>(Topics.LOTS.name(), lot.lotId().getBytes(StandardCharsets.UTF_8),
                            lotSerde.serializer().serialize(Topics.LOTS.name(), lot.toLotInfo(now))));
                }
                producer.flush();
                // The screener requires a lot's metadata before its readings (require-lot-info): readings sent while
                // their LotInfo is still unread would be dead-lettered UNKNOWN_LOT, not stored.
                awaitConsumed(stack.bootstrapServers(), Topics.LOTS.name(), Duration.ofMinutes(30), screener);
                progress.printf(Locale.ROOT, "  the screener read the %,d lots' metadata in %.0f s; sending the readings%n",
                        settings.lots(), (System.nanoTime() - sendStart) / 1e9);
                ShotGenerator shots = new ShotGenerator(plan);
                int good = 0;
                while (shots.hasNext()) {
                    SimulatedShot shot = shots.next();
                    if (shot.isGood()) {
                        XrfReading r = shot.reading();
                        producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(),
                                r.getLotId().toString().getBytes(StandardCharsets.UTF_8),
                                readingSerde.serializer().serialize(Topics.XRF_READINGS.name(), r)));
                        good++;
                    }
                }
                producer.flush();
                if (good != readings) {
                    watcher.begin(good, false);
                }
                progress.printf(Locale.ROOT, "  sent %,d lots and %,d readings in %.0f s; waiting for predictions "
                        + "covering them...%n", settings.lots(), good, (System.nanoTime() - sendStart) / 1e9);
                long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
                long done;
                while ((done = watcher.await(Duration.ofSeconds(30))) < 0) {
                    progress.printf(Locale.ROOT, "  %,d of %,d readings covered after %.0f s%n", watcher.count(), good,
                            (System.nanoTime() - sendStart) / 1e9);
                    if (System.nanoTime() > deadline || !screener.isAlive()) {
                        throw new IllegalStateException("predictions covered only " + watcher.count() + " of " + good
                                + " readings; " + screener.tail());
                    }
                }
                notes.add(String.format(Locale.ROOT, "%,d lots (LotInfo each) and %,d readings sent; the predictions "
                                + "covered every reading %.0f s after the first send (%,.0f readings/s).", settings.lots(),
                        good, (done - sendStart) / 1e9, good / ((done - sendStart) / 1e9)));
            }
            MemorySnapshot loaded = ProcessMemory.measure(String.format(Locale.ROOT, "%,d lots, %,d reading(s) each",
                    settings.lots(), settings.readingsPerLot()), screener.pid());
            notes.add(String.format(Locale.ROOT, "The lots' screener's state dir (RocksDB files of every store and "
                    + "partition, on disk) holds %,.1f MiB.", sizeKib(work.resolve("screener-lots")) / 1024.0));
            return new MemoryReport.Pair(idle, loaded);
        } finally {
            screener.stopIfRunning();
        }
    }

    private MemoryReport.Pair sitesPhase(EmbeddedStack stack, Path work, Path baseFile, List<String> notes)
            throws Exception {
        progress.printf(Locale.ROOT, "training a %d-member site model...%n", SITE.members());
        var site = BootstrapModel.trainSynthetic(SITE).artifact();
        // Its own application.id: with the lots' one it would restore their 100,000 lots from the changelogs first.
        ReescreenProcess screener = screener(stack, work, "screener-sites", baseFile, SCREENER_GROUP + "-sites");
        try {
            MemorySnapshot idle = ProcessMemory.measure("nothing (idle, after start)", screener.pid());
            progress.printf(Locale.ROOT, "releasing %d site models...%n", settings.sites());
            long t = System.nanoTime();
            List<String> ids = SiteReleases.publish(stack.bootstrapServers(), stack.registryUrl(), site,
                    settings.sites());
            awaitSitesServed(ids, Duration.ofMinutes(5), screener);
            notes.add(String.format(Locale.ROOT, "%d site models (%d members each; one artifact of %,d bytes released "
                            + "under %d site ids, loaded as %d models) were all served (GET /model) %.1f s after the "
                            + "first release.", settings.sites(), SITE.members(), ModelArtifactCodec.encode(site).length,
                    settings.sites(), settings.sites(), (System.nanoTime() - t) / 1e9));
            MemorySnapshot loaded = ProcessMemory.measure(settings.sites() + " site models ("
                    + SITE.members() + " members each) besides the base", screener.pid());
            return new MemoryReport.Pair(idle, loaded);
        } finally {
            screener.stopIfRunning();
        }
    }

    private int port;

    private ReescreenProcess screener(EmbeddedStack stack, Path work, String name, Path baseFile, String applicationId)
            throws Exception {
        port = freePort();
        List<String> options = new ArrayList<>(jvmOptions());
        options.add("-Dkafka.streams.screener.application.id=" + applicationId);
        ReescreenProcess screener = new ReescreenProcess(name, options,
                List.of("screener", "--http-port", String.valueOf(port), "--work-dir", work.resolve(name).toString(),
                        "--bootstrap-model", baseFile.toString()),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(), "SCHEMA_REGISTRY_URL", stack.registryUrl()),
                work.resolve(name + ".log"));
        progress.println("starting ./reescreen screener (" + name + ", " + String.join(" ", options) + ")...");
        screener.start();
        screener.awaitLine("Screener up:", 0, START_UP);
        // Measured idle only once its streams run: stores opened, tasks assigned.
        screener.awaitLine("Screener processing (streams RUNNING)", 0, START_UP);
        return screener;
    }

    private List<String> jvmOptions() {
        return List.of("-Xms" + settings.heap(), "-Xmx" + settings.heap(), "-XX:+AlwaysPreTouch",
                "-XX:NativeMemoryTracking=summary", "-Dreescreen.screener.require-lot-info=true");
    }

    /** Polls GET /model until every site id is listed among the served site models. */
    private void awaitSitesServed(List<String> ids, Duration timeout, ReescreenProcess screener) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/model")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (ids.stream().allMatch(id -> body.contains("\"" + id + "\""))) {
                return;
            }
            if (System.nanoTime() > deadline || !screener.isAlive()) {
                throw new IllegalStateException("not every site model served within " + timeout.toSeconds() + " s: "
                        + body + "; " + screener.tail());
            }
            Thread.sleep(500);
        }
    }

    private String report(Instant startedAt, double seconds, List<MemoryReport.Pair> pairs, List<String> notes) {
        StringBuilder md = new StringBuilder("# Memory benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d CPU cores, Java %s, in %.0f s: `%s`.%n%n", startedAt,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), seconds,
                settings.command()));
        md.append(String.format(Locale.ROOT, "Each screener is `./reescreen screener` in a process of its own (JVM "
                        + "options `%s`) against the embedded broker and registry in the benchmark's JVM; its base model "
                        + "is the demo's synthetic one (%d members). Measured after a full GC (`jcmd PID GC.run`): heap "
                        + "from `jcmd PID GC.heap_info`, RSS from `/proc/PID/status` (VmRSS), the JVM's own committed "
                        + "memory from `jcmd PID VM.native_memory summary`. Each loaded row is followed by its change "
                        + "from the idle row above it, in parentheses.%n%n",
                String.join(" ", jvmOptions()) + " -Dkafka.streams.screener.application.id=" + SCREENER_GROUP + " (the site models' screener: " + SCREENER_GROUP + "-sites)", BASE.members()));
        md.append(MemoryReport.table(pairs)).append('\n');
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        md.append("""

                How to read it: the heap is fixed and pre-touched, so its pages are resident from the start and the
                heap committed stays put; what the stores and models add shows as heap used (Java objects: caches,
                the models' Java copies and metadata) and as RSS. NMT counts only the JVM's own allocations (heap,
                classes, threads, code, GC, direct buffers under "Other"); RocksDB's memtables, block cache and index
                blocks and PyTorch's tensors are allocated by their native libraries, so they are in the last column:
                RSS minus the JVM's committed total (an estimate; thread stacks and metaspace committed but not
                touched make it a little low).
                """);
        return md.toString();
    }

    private static long sizeKib(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / 1024;
        }
    }

    /** Waits until the screener's consumer group has committed every partition of {@code topic} to its end. */
    private void awaitConsumed(String bootstrap, String topic, Duration timeout, ReescreenProcess screener)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SCREENER_GROUP)
                        .partitionsToOffsetAndMetadata().get();
                boolean caughtUp = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
                if (caughtUp) {
                    return;
                }
                if (System.nanoTime() > deadline || !screener.isAlive()) {
                    throw new IllegalStateException("the screener did not read " + topic + " to its end offsets "
                            + ends + " (committed: " + committed + "); " + screener.tail());
                }
                Thread.sleep(500);
            }
        }
    }

    private static Producer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
