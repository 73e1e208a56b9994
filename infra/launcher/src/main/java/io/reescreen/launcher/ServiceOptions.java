package io.reescreen.launcher;

import io.reescreen.streams.ServerTls;
import io.reescreen.streams.ServiceConnections;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code ./reescreen screener} and {@code ./reescreen retrainer} share: where Kafka and the registry are, the
 * HTTP interface, the work folder (Kafka Streams state and the bootstrap model, kept across restarts) and the
 * instance name that makes the stream's static group membership. The HTTP port is each command's own (its default
 * differs).
 */
final class ServiceOptions {

    static final String DEFAULT_HOST = "127.0.0.1";

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--http-host", paramLabel = "H", defaultValue = DEFAULT_HOST,
            description = "interface the HTTP server listens on (default ${DEFAULT-VALUE}; 0.0.0.0 for all)")
    private String httpHost;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = {"Kafka Streams state and the bootstrap model, kept across restarts",
                    "(default .reescreen/${COMMAND-NAME})"})
    private Path workDir;

    @Option(names = "--bootstrap-model", paramLabel = "FILE", description = "the model served until a release arrives "
            + "(default DIR/bootstrap.model, trained once as the demo does: synthetic, seed 42, the same version every time)")
    private Path bootstrapModel;

    @Option(names = "--instance-name", paramLabel = "NAME", description = "this instance's name on this host, stable "
            + "across restarts: with the host name it is the group.instance.id that lets a restart take its partitions "
            + "back at once (default ${COMMAND-NAME}-<http port>; two live instances must not share it)")
    private String instanceName;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = {"serve HTTPS only, on the HTTP port, with "
            + "this PKCS12 key store (its password from MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD, never an option)"})
    private Path tlsKeystore;

    String httpHost() {
        return httpHost;
    }

    /**
     * The service's Micronaut properties (its keys under {@code reescreen.<service>} and
     * {@code kafka.streams.<service>}), after checking that the port is free, that Kafka and the registry accept the
     * settings, and that the bootstrap model exists (trained once if not). The service gets the settings files'
     * paths ({@code reescreen.kafka.config}, {@code reescreen.registry.config}), never the secrets in them.
     */
    Map<String, Object> serviceProperties(String service, int httpPort, PrintStream out) throws IOException {
        String bootstrap = cluster.bootstrapServers();
        String registry = cluster.registryUrl();
        if (httpPort < 0 || httpPort > 65_535) {
            throw new UsageError("--http-port takes 0 to 65535, got " + httpPort);
        }
        String busy = PortCheck.complaint(httpHost, httpPort, "the " + service + "'s HTTP port", "--http-port");
        if (busy != null) {
            throw new UserError(busy);
        }
        if (tlsKeystore != null && (!Files.isReadable(tlsKeystore)
                || System.getenv("MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD") == null)) {
            throw new UserError("--tls-keystore needs a readable PKCS12 file and its password in "
                    + "MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD (Micronaut reads it from there)");
        }
        Path work = Optional.ofNullable(workDir).orElse(Path.of(".reescreen", service)).toAbsolutePath();
        Path model = Optional.ofNullable(bootstrapModel).orElse(work.resolve("bootstrap.model")).toAbsolutePath();
        // A random port is no stable identity: dynamic membership, unless a name is given.
        String instance = instanceName != null ? instanceName : httpPort == 0 ? "" : service + "-" + httpPort;
        // Before the bootstrap model, which may take minutes to train: a refused setting is said at once.
        cluster.kafka();
        cluster.registry();
        BootstrapModelFile.ensure(model, out);
        Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrap);
        properties.put("reescreen.registry.url", registry);
        cluster.kafkaConfigFile().ifPresent(f -> properties.put(ServiceConnections.KAFKA_CONFIG,
                f.toAbsolutePath().toString()));
        cluster.registryConfigFile().ifPresent(f -> properties.put(ServiceConnections.REGISTRY_CONFIG,
                f.toAbsolutePath().toString()));
        properties.put("micronaut.server.port", httpPort);
        properties.put("micronaut.server.host", httpHost);
        properties.put("kafka.streams." + service + ".state.dir", work.resolve("state").toString());
        properties.put("reescreen." + service + ".bootstrap-model", model.toString());
        properties.put("reescreen." + service + ".instance-name", instance);
        if (tlsKeystore != null) {
            properties.putAll(ServerTls.settings(tlsKeystore, httpPort));
        }
        return properties;
    }

    /**
     * The host other instances reach this one on, when the interface says it; listening on every interface, the
     * service's own setting decides (its advertised-host key, default localhost).
     */
    Optional<String> advertisedHost() {
        return httpHost.equals("0.0.0.0") || httpHost.equals("::") ? Optional.empty() : Optional.of(httpHost);
    }
}
