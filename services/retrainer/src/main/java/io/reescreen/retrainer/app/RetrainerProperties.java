package io.reescreen.retrainer.app;

import java.util.Map;

/**
 * The retrainer's configuration keys (Micronaut properties; environment variables map onto them the Micronaut way:
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code REESCREEN_RETRAINER_AUTH_TOKEN}, ...).
 * services/retrainer/README.md lists them with their defaults.
 */
public final class RetrainerProperties {

    /** The screener's key: which reescreen service a context is (the screener's beans step aside for "retrainer"). */
    public static final String SERVICE = "reescreen.service";
    /** The Micronaut stream name: the {@code @Named} ConfiguredStreamBuilder and the {@code kafka.streams.*} key. */
    public static final String STREAM_NAME = "retrainer";
    public static final String STREAMS_PREFIX = "kafka.streams." + STREAM_NAME + ".";
    public static final String DEFAULT_APPLICATION_ID = "reescreen-retrainer";

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String SERVER_PORT = "micronaut.server.port";
    public static final String REGISTRY_URL = "reescreen.registry.url";
    public static final String REGISTRY_URL_FROM_ENV = "schema.registry.url";
    public static final String DEFAULT_REGISTRY_URL = "http://localhost:8080/apis/registry/v3";
    public static final String REGISTRY_AUTO_REGISTER = "reescreen.registry.auto-register";

    /** The release key this retrainer trains and publishes (the screener's {@code reescreen.screener.model-name}). */
    public static final String MODEL_NAME = "reescreen.retrainer.model-name";
    /** Retrain after this many new training examples. */
    public static final String RETRAIN_EVERY = "reescreen.retrainer.retrain-every";
    /**
     * One model per site (default true); false: every example, whatever its site, trains the one base model (the
     * strategy before site models, kept to compare the two: {@code ./reescreen bench sites}).
     */
    public static final String SITE_MODELS = "reescreen.retrainer.site-models";
    /** Also retrain this often when new examples came meanwhile (ISO-8601 duration; PT0S: no schedule). */
    public static final String SCHEDULE = "reescreen.retrainer.schedule";
    /** The bearer token {@code POST /retrain} requires; unset, the endpoint answers 503 (off). */
    public static final String AUTH_TOKEN = "reescreen.retrainer.auth-token";

    public static final String MIN_EXAMPLES = "reescreen.retrainer.min-examples";
    public static final String FULL_RETRAIN_MIN_EXAMPLES = "reescreen.retrainer.full-retrain-min-examples";
    public static final String GATE_REPETITIONS = "reescreen.retrainer.gate.repetitions";
    public static final String GATE_MARGIN = "reescreen.retrainer.gate.margin";
    public static final String SEED = "reescreen.retrainer.seed";

    public static final String JOIN_MIN_SHOT_COUNT = "reescreen.retrainer.join.min-shot-count";
    public static final String JOIN_MAX_WAIT = "reescreen.retrainer.join.max-wait";
    public static final String JOIN_EXPIRY_CHECK_EVERY = "reescreen.retrainer.join.expiry-check-every";
    /** Hold a lab result beyond the served prediction's 99.9 % interval by this many half-widths (0: never). */
    public static final String JOIN_HOLD_FACTOR = "reescreen.retrainer.join.hold-factor";
    /** true only where every producer of lab.results and lots uses Java's default partitioner (see LotPartitioning). */
    public static final String PRODUCERS_PARTITION_BY_LOT_ID = "reescreen.retrainer.producers-partition-by-lot-id";
    /** Partitions of the internal by-lot topics: lot.compositions' partition count. */
    public static final String LOT_PARTITIONS = "reescreen.retrainer.lot-partitions";
    /**
     * How long the start waits for the cluster to name the lot topics' partition counts before it goes on without
     * that check, with a warning (default {@code LotPartitionCheck.DEFAULT_TIMEOUT}, 10 s).
     */
    public static final String PARTITION_CHECK_TIMEOUT = "reescreen.retrainer.partition-check-timeout";

    /** A model artifact file to transfer from until models.releases has a release of the model name. */
    public static final String BOOTSTRAP_MODEL = "reescreen.retrainer.bootstrap-model";
    public static final String BOOTSTRAP_ROWS = "reescreen.retrainer.bootstrap.synthetic-rows";
    public static final String BOOTSTRAP_MEMBERS = "reescreen.retrainer.bootstrap.members";
    public static final String BOOTSTRAP_EPOCHS = "reescreen.retrainer.bootstrap.epochs";
    public static final String BOOTSTRAP_SEED = "reescreen.retrainer.bootstrap.seed";

    /** Whether the streams and the consumers start once the application context is up (default true). */
    public static final String AUTO_START = "reescreen.retrainer.auto-start";

    /**
     * What the retrainer runs with unless told otherwise. Kept here rather than in an application.properties, which
     * would meet the screener's on a shared classpath.
     */
    static Map<String, Object> defaults() {
        // micronaut-kafka's own health check asks the broker during the request and hangs while it is down; the
        // retrainer's readiness reads a background check instead (BrokerReachability).
        return Map.ofEntries(
                Map.entry("kafka.health.enabled", false),
                Map.entry(SERVICE, STREAM_NAME),
                Map.entry("micronaut.application.name", "reescreen-retrainer"),
                Map.entry(SERVER_PORT, 8081),
                Map.entry(STREAMS_PREFIX + "application.id", DEFAULT_APPLICATION_ID),
                Map.entry("endpoints.health.details-visible", "ANONYMOUS"),
                Map.entry("endpoints.prometheus.sensitive", false),
                Map.entry("micronaut.metrics.enabled", true),
                Map.entry("micronaut.metrics.export.prometheus.enabled", true));
    }

    private RetrainerProperties() {
    }
}
