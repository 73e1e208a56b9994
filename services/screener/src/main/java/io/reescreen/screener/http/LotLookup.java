package io.reescreen.screener.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.alert.LotVerdict;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.streams.ServerTls;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds a lot in the screener's state stores: on this instance when its partition is here, else by asking the
 * instance Kafka Streams names as its owner ({@code KafkaStreams#queryMetadataForKey} → that instance's
 * {@code application.server}). A forwarded request carries {@value #FORWARDED_HEADER} and is never forwarded again.
 */
@Requires(beans = ServedStreams.class)
@Singleton
public class LotLookup {

    /** How long a lot lookup forwarded to the instance that owns the lot may take (ISO-8601 or Micronaut duration). */
    public static final String FORWARD_TIMEOUT = "reescreen.screener.http.forward-timeout";

    /** Marks a lookup forwarded by another instance (value: the forwarding instance). */
    public static final String FORWARDED_HEADER = "X-Reescreen-Forwarded-By";

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    /**
     * The certificates a lookup forwarded over https trusts (PEM, or a PKCS12/JKS key store with
     * {@value #FORWARD_TRUSTSTORE_PASSWORD}); default the JVM's trust ({@code javax.net.ssl.trustStore}).
     */
    public static final String FORWARD_TRUSTSTORE = "reescreen.screener.forward-truststore";
    /** The password of a key-store {@value #FORWARD_TRUSTSTORE}, from the environment; none for PEM. */
    public static final String FORWARD_TRUSTSTORE_PASSWORD = "reescreen.screener.forward-truststore-password";

    private final ServedStreams served;
    private final LotForwarder forwarder;

    public LotLookup(ServedStreams served, Environment environment) {
        this.served = served;
        Duration forwardTimeout = environment.getProperty(FORWARD_TIMEOUT, Duration.class)
                .orElse(Duration.ofSeconds(5));
        Optional<SSLContext> trust = environment.getProperty(FORWARD_TRUSTSTORE, String.class)
                .filter(s -> !s.isBlank())
                .map(file -> LotForwarder.trusting(Path.of(file.strip()), environment
                        .getProperty(FORWARD_TRUSTSTORE_PASSWORD, String.class).orElse("").toCharArray()));
        // Every instance of one screener serves alike: the owner speaks TLS when this one does.
        this.forwarder = new LotForwarder(ServerTls.scheme(environment), forwardTimeout, trust);
    }

    public HttpResponse<?> lookup(String lotId, boolean forwarded) {
        KafkaStreams streams = served.streams();
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return unavailable("the screener's streams are " + state + ", not RUNNING", state);
        }
        Optional<HostInfo> self = served.self();
        Integer partition = null;
        if (self.isPresent()) {
            KeyQueryMetadata owner;
            try {
                owner = streams.queryMetadataForKey(StoreNames.LOT_AGGREGATES, lotId, KEYS);
            } catch (RuntimeException e) {
                return unavailable("no metadata for the lot's partition: " + e.getMessage(), state);
            }
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || owner.activeHost() == null
                    || owner.activeHost().port() < 0) {
                return unavailable("the lot's partition has no active owner right now", state);
            }
            if (!owner.activeHost().equals(self.get())) {
                if (forwarded) {
                    return unavailable("the lot's partition moved to " + endpoint(owner.activeHost()) + " during the lookup", state);
                }
                return forwarder.forward(owner.activeHost(), lotId, self.get());
            }
            partition = owner.partition();
        }
        try {
            return local(streams, lotId, partition, self.map(LotLookup::endpoint).orElse("local"));
        } catch (InvalidStateStoreException e) {
            return unavailable("the lot's stores are not queryable right now: " + e.getMessage(), streams.state());
        }
    }

    private HttpResponse<?> local(KafkaStreams streams, String lotId, Integer partition, String servedBy) {
        LotAggregate aggregate = this.<LotAggregate>store(streams, StoreNames.LOT_AGGREGATES, partition).get(lotId);
        ReePrediction prediction = this.<ReePrediction>store(streams, StoreNames.LOT_PREDICTIONS, partition).get(lotId);
        LotVerdict verdict = this.<LotVerdict>store(streams, StoreNames.LOT_VERDICTS, partition).get(lotId);
        LotInfo info = this.<LotInfo>store(streams, StoreNames.LOT_INFO, partition).get(lotId);
        if (aggregate == null && prediction == null && info == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "unknown lot");
            body.put("lotId", lotId);
            return HttpResponse.notFound(body);
        }
        LotView view = new LotView(lotId, servedBy, AvroJson.toMap(info),
                aggregate == null || aggregate.shotCount() == 0 ? null : AvroJson.toMap(aggregate.toLotComposition()),
                AvroJson.toMap(prediction),
                verdict == null ? null : new LotView.VerdictView(verdict.likelyHigh(), verdict.probability(),
                        verdict.modelVersion(), verdict.readingCount(),
                        Instant.ofEpochMilli(verdict.updatedAtMs()).toString(), verdict.lastAlertId()));
        return HttpResponse.ok(view);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> query =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        return streams.store(partition == null ? query : query.withPartition(partition));
    }

    static String endpoint(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    static HttpResponse<?> unavailable(String why, KafkaStreams.State state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", why);
        body.put("streamsState", state.name());
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(body);
    }
}
