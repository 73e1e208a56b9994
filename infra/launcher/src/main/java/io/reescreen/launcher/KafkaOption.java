package io.reescreen.launcher;

import io.reescreen.schemas.connect.ConnectionCheck;
import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers} (default {@code $KAFKA_BOOTSTRAP_SERVERS}) and {@code --kafka-config} (default
 * {@code $REESCREEN_KAFKA_CONFIG}), for every command that talks to Kafka: where the cluster is and how every client
 * of the command talks to it. The help names the variables and never shows their values.
 */
final class KafkaOption {

    /** The Kafka client settings file when {@code --kafka-config} is not given. */
    static final String CONFIG_VARIABLE = "REESCREEN_KAFKA_CONFIG";
    /**
     * How long the check before any work waits for the cluster's (and the registry's) answer, as an ISO-8601 duration
     * (default 15 s; {@code REESCREEN_JAVA_OPTS=-Dreescreen.check-timeout=PT30S} for a slow link).
     */
    static final String CHECK_TIMEOUT_PROPERTY = "reescreen.check-timeout";
    private static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(15);

    @Option(names = "--bootstrap-servers", paramLabel = "H:P", description = "Kafka (default $KAFKA_BOOTSTRAP_SERVERS)")
    private String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = {"Kafka client settings: security.protocol, "
            + "sasl.*, ssl.*, config.providers* (default $" + CONFIG_VARIABLE + "); with KAFKA_* variables "
            + "(KAFKA_SASL_JAAS_CONFIG, ...); secrets by Kafka's file or env config-provider references, never on the "
            + "command line"})
    private Path kafkaConfig;

    String bootstrapServers() {
        return Optional.ofNullable(bootstrapServers).or(() -> Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")))
                .orElseThrow(() -> new UsageError("no cluster: give --bootstrap-servers or set KAFKA_BOOTSTRAP_SERVERS"));
    }

    /** The settings file named by the option or the variable, if any (its path, never its content). */
    Optional<Path> configFile() {
        return settingsFile(Optional.ofNullable(kafkaConfig), System.getenv(), CONFIG_VARIABLE);
    }

    /**
     * The cluster and its security settings, checked before any work ({@link #check}).
     *
     * @throws UserError for a settings file that is missing or holds another kind of key, or a key set differently
     *                   in the file and the environment (named, never its value)
     * @throws io.reescreen.schemas.connect.ConnectionProblem when the cluster cannot be used with these settings
     */
    KafkaConnection connection() {
        KafkaConnection connection = connection(bootstrapServers(), Optional.ofNullable(kafkaConfig), System.getenv());
        check(connection);
        return connection;
    }

    /** The connection from {@code env}'s {@code KAFKA_*} security variables and the settings file, merged. */
    static KafkaConnection connection(String bootstrap, Optional<Path> file, Map<String, String> env) {
        try {
            KafkaClientSecurity security = KafkaClientSecurity.fromEnvironment(env);
            Optional<Path> settings = settingsFile(file, env, CONFIG_VARIABLE);
            if (settings.isPresent()) {
                security = security.merge(KafkaClientSecurity.load(settings.get()));
            }
            return KafkaConnection.of(bootstrap, security);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The trust and key stores the settings name (exist, open, client certificate valid), then the cluster's answer
     * within {@link #checkTimeout()}. Asked of an open cluster too: a cluster that wants security settings the command
     * was not given never answers a PLAINTEXT client, which would otherwise wait a minute and end in a stack trace.
     */
    static void check(KafkaConnection connection) {
        ConnectionCheck.localFiles(connection.security());
        ConnectionCheck.kafka(connection, checkTimeout());
    }

    /** {@value #CHECK_TIMEOUT_PROPERTY}, else 15 s. */
    static Duration checkTimeout() {
        String value = System.getProperty(CHECK_TIMEOUT_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_CHECK_TIMEOUT;
        }
        try {
            return Duration.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new UserError(CHECK_TIMEOUT_PROPERTY + " is not an ISO-8601 duration such as PT15S: " + value);
        }
    }

    /** The file given as an option, else the one {@code variable} names, if any. */
    static Optional<Path> settingsFile(Optional<Path> given, Map<String, String> env, String variable) {
        return given.or(() -> Optional.ofNullable(env.get(variable)).map(String::strip).filter(s -> !s.isEmpty())
                .map(Path::of));
    }
}
