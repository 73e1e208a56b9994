package io.reescreen.screener.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.alert.LotVerdict;
import io.reescreen.screener.lot.LotAggregate;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(LotLookup.class);
    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final ServedStreams served;
    private final Duration forwardTimeout;
    private final HttpClient http;

    public LotLookup(ServedStreams served, Environment environment) {
        this.served = served;
        this.forwardTimeout = environment.getProperty(FORWARD_TIMEOUT, Duration.class)
                .orElse(Duration.ofSeconds(5));
        this.http = HttpClient.newBuilder().connectTimeout(forwardTimeout).build();
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
                return forward(owner.activeHost(), lotId, self.get());
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

    private HttpResponse<?> forward(HostInfo owner, String lotId, HostInfo self) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/lots/"
                + URLEncoder.encode(lotId, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(forwardTimeout)
                .header(FORWARDED_HEADER, endpoint(self)).header("Accept", MediaType.APPLICATION_JSON).GET().build();
        try {
            java.net.http.HttpResponse<byte[]> answer = http.send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(answer.statusCode()))
                    .body(answer.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
            answer.headers().firstValue("Retry-After").ifPresent(v -> response.header("Retry-After", v));
            return response;
        } catch (HttpTimeoutException e) {
            return badGateway(owner, "timed out after " + forwardTimeout);
        } catch (IOException e) {
            return badGateway(owner, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return badGateway(owner, "interrupted");
        }
    }

    private static HttpResponse<?> badGateway(HostInfo owner, String why) {
        LOG.warn("lot lookup forwarded to {} failed: {}", endpoint(owner), why);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "the instance that holds the lot (" + endpoint(owner) + ") did not answer: " + why);
        return HttpResponse.status(HttpStatus.BAD_GATEWAY).body(body);
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
