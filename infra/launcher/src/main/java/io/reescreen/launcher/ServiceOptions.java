package io.reescreen.launcher;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What {@code ./reescreen screener} and {@code ./reescreen retrainer} share: where Kafka and the registry are, the
 * HTTP port and interface, the work folder (Kafka Streams state and the bootstrap model, kept across restarts) and the
 * instance name that makes the stream's static group membership.
 */
record ServiceOptions(ClusterOptions cluster, int httpPort, String httpHost, Path workDir, Path bootstrapModel,
                      String instanceName) {

    /** The options every service command takes, for {@link CommandLine#allowOnly}. */
    static final String[] NAMES = {"bootstrap-servers", "registry-url", "http-port", "http-host", "work-dir",
            "bootstrap-model", "instance-name"};

    static final String DEFAULT_HOST = "127.0.0.1";

    static String usage(String service, int defaultPort) {
        return """
                  --bootstrap-servers B  Kafka (default $KAFKA_BOOTSTRAP_SERVERS)
                  --registry-url U       the registry's core API (default $SCHEMA_REGISTRY_URL)
                  --http-port N          HTTP port (default %2$d)
                  --http-host H          interface the HTTP server listens on (default 127.0.0.1; 0.0.0.0 for all)
                  --work-dir DIR         Kafka Streams state and the bootstrap model, kept across restarts
                                         (default .reescreen/%1$s)
                  --bootstrap-model F    the model served until a release arrives (default DIR/bootstrap.model, trained
                                         once as the demo does: synthetic, seed 42, the same version every time)
                  --instance-name NAME   this instance's name on this host, stable across restarts: with the host name
                                         it is the group.instance.id that lets a restart take its partitions back at
                                         once (default %1$s-<http port>; two live instances must not share it)
                Other settings come from the environment or -D system properties (REESCREEN_JAVA_OPTS), by their
                Micronaut keys (services/%1$s/README.md). Ctrl-C or SIGTERM stops it cleanly."""
                .formatted(service, defaultPort);
    }

    static ServiceOptions of(CommandLine args, String service, int defaultPort) {
        ClusterOptions cluster = ClusterOptions.of(args);
        int port = args.intOption("http-port", defaultPort);
        if (port < 0 || port > 65_535) {
            throw new CommandLine.UsageException("--http-port takes 0 to 65535, got " + port);
        }
        Path workDir = Paths.get(args.option("work-dir").orElse(".reescreen/" + service)).toAbsolutePath();
        Path model = args.option("bootstrap-model").map(Paths::get).orElse(workDir.resolve("bootstrap.model"))
                .toAbsolutePath();
        String instance = args.option("instance-name").orElse(service + "-" + port);
        if (port == 0 && args.option("instance-name").isEmpty()) {
            instance = ""; // a random port is no stable identity: dynamic membership
        }
        return new ServiceOptions(cluster, port, args.option("http-host").orElse(DEFAULT_HOST), workDir, model, instance);
    }

    /**
     * The host other instances reach this one on, when the interface says it; listening on every interface, the
     * service's own setting decides (its advertised-host key, default localhost).
     */
    java.util.Optional<String> advertisedHost() {
        return httpHost.equals("0.0.0.0") || httpHost.equals("::") ? java.util.Optional.empty()
                : java.util.Optional.of(httpHost);
    }
}
