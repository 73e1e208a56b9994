package io.reescreen.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), running in this JVM.
 * An empty log directory is formatted on start; a log directory the broker wrote before (its
 * {@code meta.properties} is there) is reused as it is, topics, records, committed offsets and cluster id
 * included, so {@code ./reescreen stack} and {@code demo --work-dir} keep their data across restarts. The same
 * services run unchanged against a real cluster given its bootstrap servers.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final Duration startupTime;
    private volatile boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path logDir, Duration startupTime) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.startupTime = startupTime;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) over {@code logDir}, formatting it only when it holds no
     * broker data yet; returns when it serves.
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port) throws Exception {
        long started = System.nanoTime();
        int brokerPort = FreePort.pickIfZero(port);
        int controllerPort = FreePort.pick();
        Files.createDirectories(logDir);
        KafkaConfig config = new KafkaConfig(brokerProperties(logDir, brokerPort, controllerPort));
        if (isFormatted(logDir)) {
            // Formatting again would write a new cluster id beside the old data: "Invalid cluster.id" on start.
            LOG.info("Kafka log directory {} holds a broker's data: reusing it", logDir);
        } else {
            format(config, logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, brokerPort, logDir,
                Duration.ofNanos(System.nanoTime() - started));
        try {
            broker.awaitServing(Duration.ofSeconds(60));
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker (KRaft) serving at {} in {} ms", broker.bootstrapServers(), broker.startupTime.toMillis());
        return broker;
    }

    private static Map<String, Object> brokerProperties(Path logDir, int port, int controllerPort) {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every replication factor and ISR is 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Small internal topics: 50 partitions each would dominate start-up and the first transaction on 2 cores.
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The same for streams groups (group.protocol=streams, KIP-1071), whose delay is configured apart (default 3 s).
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly (TopicProvisioner), so a misspelt topic name fails loudly.
        p.put("auto.create.topics.enable", "false");
        // The default 128 MiB compaction buffer is sized for production brokers.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    /** True when a broker wrote this directory before: formatting leaves {@code meta.properties} there. */
    static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve("meta.properties"));
    }

    private static void format(KafkaConfig config, Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                .addDirectory(logDir.toAbsolutePath().toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private void awaitServing(Duration timeout) throws Exception {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            // A broker that lists itself as a node has registered with the controller and is unfenced.
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at {} stopped", bootstrapServers());
    }
}
