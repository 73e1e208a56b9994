package io.reescreen.embedded;

import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a real Kafka broker, a real schema registry, and every topic of the design.
 * The registry JVM starts first and boots while the broker starts in this JVM.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final Path workDir;
    private final boolean deleteWorkDir;
    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final Duration startupTime;

    private EmbeddedStack(Path workDir, boolean deleteWorkDir, EmbeddedKafkaBroker broker,
                          EmbeddedSchemaRegistry registry, Duration startupTime) {
        this.workDir = workDir;
        this.deleteWorkDir = deleteWorkDir;
        this.broker = broker;
        this.registry = registry;
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
        long started = System.nanoTime();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.launch(workDir.resolve("registry"), registryPort);
        EmbeddedKafkaBroker broker = null;
        try {
            broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), kafkaPort);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                new TopicProvisioner(admin, (short) 1).ensure(topics);
            }
            registry.awaitReady(Duration.ofSeconds(90), started);
            registry.setGlobalCompatibility(RegistrySerdes.COMPATIBILITY_RULE);
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
        return new EmbeddedStack(workDir, deleteWorkDir, broker, registry, startupTime);
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

    /** Serdes against this registry, registering schemas on first use as a dev setup does. */
    public RegistrySerdes serdes() {
        return new RegistrySerdes(registry.coreApiUrl(), true);
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
