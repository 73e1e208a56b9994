package io.reescreen.embedded;

import io.reescreen.embedded.security.Credentials;
import io.reescreen.embedded.security.StackSecurity;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
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
 *
 * <p>Secured ({@link #startSecured}): clients connect over SASL_SSL (SCRAM-SHA-512 or PLAIN, the user of
 * {@link StackSecurity}) or over an SSL listener that requires a client certificate; see {@link BrokerListeners}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** Kafka's default iteration count for SCRAM-SHA-512 credentials. */
    private static final int SCRAM_ITERATIONS = 4096;

    private final KafkaRaftServer server;
    private final BrokerListeners listeners;
    private final Path logDir;
    private final Duration startupTime;
    private volatile boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, BrokerListeners listeners, Path logDir, Duration startupTime) {
        this.server = server;
        this.listeners = listeners;
        this.logDir = logDir;
        this.startupTime = startupTime;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) over {@code logDir}, formatting it only when it holds no
     * broker data yet; returns when it serves.
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port) throws Exception {
        return start(logDir, BrokerListeners.plaintext(FreePort.pickIfZero(port)));
    }

    /**
     * Starts a secured broker: SASL_SSL on {@code saslSslPort} (0 picks a free one) for the user of {@code security},
     * and mutual TLS on a free port ({@link #mutualTlsBootstrapServers}). A log directory formatted before (secured
     * or not) is reused, and the user's SCRAM credential is set again on it.
     */
    public static EmbeddedKafkaBroker startSecured(Path logDir, int saslSslPort, StackSecurity security) throws Exception {
        return startSecured(logDir, saslSslPort, 0, security);
    }

    /** As {@link #startSecured(Path, int, StackSecurity)} with the mutual-TLS listener on {@code mutualTlsPort} (0: free). */
    public static EmbeddedKafkaBroker startSecured(Path logDir, int saslSslPort, int mutualTlsPort, StackSecurity security)
            throws Exception {
        return start(logDir, BrokerListeners.secured(FreePort.pickIfZero(saslSslPort), FreePort.pickIfZero(mutualTlsPort),
                security));
    }

    private static EmbeddedKafkaBroker start(Path logDir, BrokerListeners listeners) throws Exception {
        long started = System.nanoTime();
        int controllerPort = FreePort.pick();
        Files.createDirectories(logDir);
        KafkaConfig config = new KafkaConfig(brokerProperties(logDir, listeners, controllerPort));
        boolean reused = isFormatted(logDir);
        if (reused) {
            // Formatting again would write a new cluster id beside the old data: "Invalid cluster.id" on start.
            LOG.info("Kafka log directory {} holds a broker's data: reusing it", logDir);
        } else {
            format(config, logDir, listeners.scramArguments());
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, listeners, logDir,
                Duration.ofNanos(System.nanoTime() - started));
        try {
            broker.awaitServing(Duration.ofSeconds(60));
            if (reused && listeners.isSecured()) {
                broker.upsertScramUser(listeners.security().kafkaUser(), Duration.ofSeconds(60));
            }
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker (KRaft) serving at {} in {} ms", broker.bootstrapServers(), broker.startupTime.toMillis());
        return broker;
    }

    private static Map<String, Object> brokerProperties(Path logDir, BrokerListeners listeners, int controllerPort) {
        Map<String, Object> p = new HashMap<>(listeners.brokerProperties(controllerPort));
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
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

    private static void format(KafkaConfig config, Path logDir, List<String> scramUsers) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                .addDirectory(logDir.toAbsolutePath().toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setScramArguments(scramUsers)
                .run();
    }

    private void awaitServing(Duration timeout) throws Exception {
        try (Admin admin = ownAdmin(timeout)) {
            // A broker that lists itself as a node has registered with the controller and is unfenced.
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sets the user's SCRAM credential (create or replace), over the mutual-TLS listener: idempotent. */
    private void upsertScramUser(Credentials user, Duration timeout) throws Exception {
        try (Admin admin = ownAdmin(timeout)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user.name(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), user.password())))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("SCRAM-SHA-512 credential of {} set on the reused log directory", user.name());
    }

    private Admin ownAdmin(Duration timeout) {
        Map<String, Object> adminConfig = new HashMap<>(ownClientConfig());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(adminConfig);
    }

    /**
     * How this stack's own clients reach the broker, bootstrap servers included: the open listener, or the
     * mutual-TLS one with the broker's certificate when secured.
     */
    Map<String, Object> ownClientConfig() {
        return listeners.ownClientConfig();
    }

    /** Where clients connect: the PLAINTEXT listener, or the SASL_SSL one when secured. */
    public String bootstrapServers() {
        return listeners.bootstrapServers();
    }

    /** The secured broker's SSL listener that requires a client certificate; a plaintext broker has none. */
    public String mutualTlsBootstrapServers() {
        return listeners.mutualTlsBootstrapServers();
    }

    public boolean isSecured() {
        return listeners.isSecured();
    }

    public int port() {
        return listeners.clientPort();
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
