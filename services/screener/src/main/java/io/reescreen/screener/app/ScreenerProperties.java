package io.reescreen.screener.app;

import io.reescreen.screener.http.LotLookup;
import io.reescreen.streams.ServiceConnections;

/**
 * The configuration keys the service adds to {@link io.reescreen.screener.settings.ScreenerSettings}' {@code reescreen.screener.*}
 * (what the topology does) and to Micronaut's own ({@code micronaut.server.port}, {@code kafka.bootstrap.servers},
 * {@code kafka.streams.screener.*}). Environment variables map onto them the Micronaut way: {@code KAFKA_BOOTSTRAP_SERVERS}
 * is {@code kafka.bootstrap.servers}; {@code SCHEMA_REGISTRY_URL} is read when {@value #REGISTRY_URL} is not set.
 */
public final class ScreenerProperties {

    /** The Micronaut stream name: the {@code @Named} ConfiguredStreamBuilder and the {@code kafka.streams.*} key. */
    public static final String STREAM_NAME = "screener";
    /**
     * Which reescreen service an application context is: the screener's beans exist only where it is unset or
     * "screener", so the screener and the retrainer can share a classpath (the demo, end-to-end tests).
     */
    public static final String SERVICE = "reescreen.service";
    /** Kafka Streams settings of the screener's stream, passed through to Kafka (e.g. {@code ...application.id}). */
    public static final String STREAMS_PREFIX = "kafka.streams." + STREAM_NAME + ".";
    /** The consumer group / changelog prefix unless {@code kafka.streams.screener.application.id} says otherwise. */
    public static final String DEFAULT_APPLICATION_ID = "reescreen-screener";

    /** The registry's core API, e.g. {@code http://registry:8080/apis/registry/v3}. */
    public static final String REGISTRY_URL = ServiceConnections.REGISTRY_URL;
    /** The property Micronaut makes of the {@code SCHEMA_REGISTRY_URL} environment variable. */
    public static final String REGISTRY_URL_FROM_ENV = ServiceConnections.REGISTRY_URL_FROM_ENV;
    public static final String DEFAULT_REGISTRY_URL = ServiceConnections.DEFAULT_REGISTRY_URL;
    /** Whether the screener registers the schemas it writes on first use (dev, demo); default true. */
    public static final String REGISTRY_AUTO_REGISTER = "reescreen.registry.auto-register";

    /** A model artifact file (ModelArtifactCodec bytes) to serve until a release arrives. */
    public static final String BOOTSTRAP_MODEL = "reescreen.screener.bootstrap-model";
    /** Without {@link #BOOTSTRAP_MODEL}: rows of synthetic reference data the start-up model is trained on. */
    public static final String BOOTSTRAP_ROWS = "reescreen.screener.bootstrap.synthetic-rows";
    /** Without {@link #BOOTSTRAP_MODEL}: ensemble members of the start-up model. */
    public static final String BOOTSTRAP_MEMBERS = "reescreen.screener.bootstrap.members";
    /** Without {@link #BOOTSTRAP_MODEL}: training epochs of the start-up model. */
    public static final String BOOTSTRAP_EPOCHS = "reescreen.screener.bootstrap.epochs";
    /** Without {@link #BOOTSTRAP_MODEL}: seed of the synthetic data and of the training. */
    public static final String BOOTSTRAP_SEED = "reescreen.screener.bootstrap.seed";

    /**
     * The host other instances reach this one's HTTP server on; with {@code micronaut.server.port} it makes Kafka
     * Streams' {@code application.server} unless {@code kafka.streams.screener.application.server} is set. Default
     * {@code localhost} (one machine).
     */
    public static final String ADVERTISED_HOST = "reescreen.screener.advertised-host";
    /** How long a lot lookup forwarded to the instance that owns the lot may take (ISO-8601 or Micronaut duration). */
    public static final String FORWARD_TIMEOUT = LotLookup.FORWARD_TIMEOUT;
    /** With TLS on, what a forwarded lot lookup trusts (PEM or PKCS12/JKS; default the JVM's trust). */
    public static final String FORWARD_TRUSTSTORE = LotLookup.FORWARD_TRUSTSTORE;

    public static final String SERVER_PORT = "micronaut.server.port";
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    private ScreenerProperties() {
    }

    /** How often the Kafka cluster is asked whether it answers, for readiness (ISO-8601 or 2s; default 2 s). */
    public static final String BROKER_PROBE_INTERVAL = "reescreen.screener.health.broker-probe-interval";
    /** How long one such question may take (default 1 s). */
    public static final String BROKER_PROBE_TIMEOUT = "reescreen.screener.health.broker-probe-timeout";
    /**
     * How long the start waits for the cluster to name xrf.readings' and lots' partition counts before it goes on
     * without that check, with a warning (default {@code ProducerPartitionCheck.DEFAULT_TIMEOUT}, 10 s).
     */
    public static final String PARTITION_CHECK_TIMEOUT = "reescreen.screener.partition-check-timeout";
}
