package io.reescreen.embedded;

import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.embedded.security.StackSecurity;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a real Kafka broker, a real schema registry storing its schemas durably on that broker
 * (Apicurio KafkaSQL: a registry restart keeps every schema and id), and every topic of the design with its
 * registry compatibility rule. The registry JVM starts first and boots while the broker starts in this JVM (its
 * Kafka clients wait for the broker's port, picked beforehand).
 *
 * <p>Secured ({@link #startSecured}): the broker takes clients over SASL_SSL (SCRAM-SHA-512 or PLAIN) and mutual
 * TLS only, the registry HTTPS with basic authentication only, its journal goes over the broker's mutual-TLS
 * listener, and the CA, certificates and passwords are kept in {@code <work>/security} ({@link StackSecurity}).
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
    /** The embedded broker listens on loopback only. */
    private static final String BROKER_HOST = "127.0.0.1";

    private final Path workDir;
    private final boolean deleteWorkDir;
    private final EmbeddedKafkaBroker broker;
    private volatile EmbeddedSchemaRegistry registry;
    private final StackSecurity security;
    private final Duration startupTime;

    private EmbeddedStack(Path workDir, boolean deleteWorkDir, EmbeddedKafkaBroker broker,
                          EmbeddedSchemaRegistry registry, StackSecurity security, Duration startupTime) {
        this.workDir = workDir;
        this.deleteWorkDir = deleteWorkDir;
        this.broker = broker;
        this.registry = registry;
        this.security = security;
        this.startupTime = startupTime;
    }

    /** Starts on free ports in a fresh temporary folder, deleted on close. */
    public static EmbeddedStack start() throws Exception {
        Path workDir = Files.createTempDirectory(Paths.get(System.getProperty("java.io.tmpdir")), "reescreen-embedded-");
        return start(workDir, true, 0, 0, Topics.ALL);
    }

    /**
     * @param kafkaPort    0 for a free port
     * @param registryPort 0 for a free port
     */
    public static EmbeddedStack start(Path workDir, boolean deleteWorkDir, int kafkaPort, int registryPort,
                                      List<TopicSpec> topics) throws Exception {
        return start(workDir, deleteWorkDir, kafkaPort, registryPort, topics, null);
    }

    /**
     * A secured stack in {@code workDir}, its certificates and credentials in {@code workDir/security} (made on the
     * first start, reused after).
     *
     * @param kafkaPort    the SASL_SSL listener's port, 0 for a free one (the mutual-TLS listener's is always free)
     * @param registryPort the registry's HTTPS port, 0 for a free one
     */
    public static EmbeddedStack startSecured(Path workDir, boolean deleteWorkDir, int kafkaPort, int registryPort,
                                             List<TopicSpec> topics) throws Exception {
        Files.createDirectories(workDir);
        return start(workDir, deleteWorkDir, kafkaPort, registryPort, topics,
                StackSecurity.prepare(workDir.resolve("security")));
    }

    private static EmbeddedStack start(Path workDir, boolean deleteWorkDir, int kafkaPort, int registryPort,
                                       List<TopicSpec> topics, StackSecurity security) throws Exception {
        long started = System.nanoTime();
        int brokerPort = FreePort.pickIfZero(kafkaPort);
        int mutualTlsPort = security == null ? 0 : FreePort.pick();
        EmbeddedSchemaRegistry registry = security == null
                ? EmbeddedSchemaRegistry.launch(workDir.resolve("registry"), registryPort,
                        RegistryStorage.kafkaSql(BROKER_HOST + ":" + brokerPort))
                : EmbeddedSchemaRegistry.launchSecured(workDir.resolve("registry"), registryPort,
                        RegistryStorage.kafkaSqlOverMutualTls(BROKER_HOST + ":" + mutualTlsPort, security), security);
        EmbeddedKafkaBroker broker = null;
        try {
            broker = security == null
                    ? EmbeddedKafkaBroker.start(workDir.resolve("kafka"), brokerPort)
                    : EmbeddedKafkaBroker.startSecured(workDir.resolve("kafka"), brokerPort, mutualTlsPort, security);
            try (Admin admin = Admin.create(broker.ownClientConfig())) {
                new TopicProvisioner(admin, (short) 1).ensure(topics);
            }
            registry.awaitReady(Duration.ofSeconds(90), started);
            applyCompatibilityRules(registry, topics);
        } catch (Exception | Error e) {
            registry.close();
            if (broker != null) {
                broker.close();
            }
            if (deleteWorkDir) {
                deleteRecursively(workDir);
            }
            throw e;
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Embedded stack up in {} ms (broker {} ms, registry {} ms)", startupTime.toMillis(),
                broker.startupTime().toMillis(), registry.startupTime().toMillis());
        return new EmbeddedStack(workDir, deleteWorkDir, broker, registry, security, startupTime);
    }

    /**
     * The global BACKWARD rule, and each topic's own where it differs (schemas/README.md). Stored in the registry's
     * journal, so a restarted registry keeps them.
     */
    private static void applyCompatibilityRules(EmbeddedSchemaRegistry registry, List<TopicSpec> topics) {
        registry.setGlobalCompatibility(RegistrySerdes.COMPATIBILITY_RULE);
        for (TopicSpec topic : topics) {
            if (!topic.valueCompatibility().name().equals(RegistrySerdes.COMPATIBILITY_RULE)) {
                registry.setSubjectCompatibility(topic.valueSubject(), topic.valueCompatibility().name());
            }
        }
    }

    /**
     * Stops the registry and starts it again on the same port and storage, as an operator's restart would; returns
     * once it is ready. Clients keep their URL. Meanwhile the registry answers nothing (producers and consumers with
     * cached schemas carry on).
     *
     * @param downtime how long to leave it stopped
     * @return how long the new registry took from launch to ready
     */
    public synchronized Duration restartRegistry(Duration downtime) throws InterruptedException {
        registry.close();
        Thread.sleep(downtime.toMillis());
        long launched = System.nanoTime();
        EmbeddedSchemaRegistry next = registry.relaunch();
        next.awaitReady(Duration.ofSeconds(90), launched);
        registry = next;
        LOG.info("registry restarted, ready in {} ms", next.startupTime().toMillis());
        return next.startupTime();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.coreApiUrl();
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    /**
     * Serdes against this registry, registering schemas on first use as a dev setup does. Open stacks only: a secured
     * stack's serdes need {@link #registryClientConfig()} besides the URL.
     */
    public RegistrySerdes serdes() {
        if (isSecured()) {
            throw new IllegalStateException("a secured stack's registry needs credentials and its CA: "
                    + "add registryClientConfig() to the serde settings");
        }
        return new RegistrySerdes(registry.coreApiUrl(), true);
    }

    public boolean isSecured() {
        return security != null;
    }

    /** The secured stack's CA, certificates and credentials; an open stack has none. */
    public StackSecurity security() {
        if (security == null) {
            throw new IllegalStateException("an open stack has no certificates or credentials");
        }
        return security;
    }

    /** A Kafka client's settings for the secured stack's SASL_SSL listener, bootstrap servers included. */
    public Map<String, Object> kafkaClientConfig(SaslMechanism mechanism) {
        Map<String, Object> config = new HashMap<>(security().saslSslClient(mechanism));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return config;
    }

    /** A Kafka client's settings for the secured stack's mutual-TLS listener ({@code client.p12}), bootstrap included. */
    public Map<String, Object> mutualTlsClientConfig() {
        Map<String, Object> config = new HashMap<>(security().mutualTlsClient());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.mutualTlsBootstrapServers());
        return config;
    }

    /**
     * The Apicurio serde's settings for the secured registry, besides {@code apicurio.registry.url}: the registry
     * user's basic credentials and the stack's CA as truststore, as {@code security/registry-client.properties} has them.
     */
    public Map<String, Object> registryClientConfig() {
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(security().registryClientFile())) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + security().registryClientFile(), e);
        }
        Map<String, Object> config = new HashMap<>();
        file.forEach((key, value) -> config.put((String) key, value));
        return config;
    }

    public Duration startupTime() {
        return startupTime;
    }

    public Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
            if (deleteWorkDir) {
                deleteRecursively(workDir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
