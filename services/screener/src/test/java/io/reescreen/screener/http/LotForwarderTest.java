package io.reescreen.screener.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpResponse;
import io.reescreen.embedded.security.StackSecurity;
import io.reescreen.streams.ServerTls;
import io.reescreen.streams.StreamsWatch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lot lookup forwarded to the instance that holds the lot, when the instances serve HTTPS: the other instance is
 * a stub HTTPS server here with a certificate of the test CA, and Kafka Streams' answer naming it as the owner is
 * given (two screeners over TLS on the embedded stack would cost two more service starts for the same path).
 */
class LotForwarderTest {

    private static final byte[] LOT = "{\"lotId\":\"lot A/1\"}".getBytes(StandardCharsets.UTF_8);
    private static final HostInfo SELF = new HostInfo("localhost", 18080);

    @TempDir
    Path dir;

    private StackSecurity certificates;
    private HttpsServer owner;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTheOwnerOverHttps() throws Exception {
        certificates = StackSecurity.prepare(dir.resolve("security")); // a CA, loopback certificates, a truststore
        owner = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        owner.setHttpsConfigurator(new HttpsConfigurator(serverContext(certificates)));
        owner.createContext("/lots/", exchange -> {
            asked.add(exchange.getRequestURI().getRawPath() + " by "
                    + exchange.getRequestHeaders().getFirst(LotLookup.FORWARDED_HEADER));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, LOT.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(LOT);
            }
        });
        owner.start();
    }

    @AfterEach
    void stopTheOwner() {
        owner.stop(0);
    }

    @Test
    void aLotOnAnotherInstanceIsFoundOverHttpsTrustingTheForwardTruststore() {
        LotForwarder forwarder = new LotForwarder("https", Duration.ofSeconds(10),
                Optional.of(LotForwarder.trusting(certificates.caCertificate(), new char[0])));
        HttpResponse<?> answer = forwarder.forward(ownerHost(), "lot A/1", SELF);
        assertEquals(200, answer.code(), String.valueOf(answer.getBody().orElse(null)));
        assertArrayEquals(LOT, (byte[]) answer.getBody().orElseThrow());
        assertEquals(List.of("/lots/lot%20A%2F1 by localhost:18080"), asked, "asked once, marked as forwarded");
    }

    @Test
    void aLookupOfALotOnAnotherInstanceGoesOverHttpsWhenTheScreenerServesTls() throws Exception {
        ApplicationContext settings = ApplicationContext.builder().deduceEnvironment(false).properties(Map.of(
                ServerTls.ENABLED, true, LotLookup.FORWARD_TRUSTSTORE, certificates.caCertificate().toString()))
                .build();
        Environment environment = settings.getEnvironment().start();
        HostInfo owner = ownerHost();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "lot-lookup-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"); // never started: nothing connects
        config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        StreamsBuilder topology = new StreamsBuilder();
        topology.stream("in").to("out");
        // Kafka Streams names the other instance as the lot's owner, as it would with two instances in the group.
        try (KafkaStreams streams = new KafkaStreams(topology.build(), config) {
            @Override
            public State state() {
                return State.RUNNING;
            }

            @Override
            public <K> KeyQueryMetadata queryMetadataForKey(String store, K key, Serializer<K> serializer) {
                return new KeyQueryMetadata(owner, Set.of(), 0);
            }
        }) {
            LotLookup lookup = new LotLookup(new ServedStreams() {
                @Override
                public KafkaStreams streams() {
                    return streams;
                }

                @Override
                public Optional<HostInfo> self() {
                    return Optional.of(SELF);
                }

                @Override
                public StreamsWatch watch() {
                    throw new UnsupportedOperationException("not read by a lookup");
                }

                @Override
                public boolean releasesLoaded() {
                    return true;
                }
            }, environment);
            HttpResponse<?> answer = lookup.lookup("lot A/1", false);
            assertEquals(200, answer.code(), String.valueOf(answer.getBody().orElse(null)));
            assertArrayEquals(LOT, (byte[]) answer.getBody().orElseThrow());
            assertEquals(List.of("/lots/lot%20A%2F1 by localhost:18080"), asked);
        } finally {
            environment.stop();
        }
    }

    @Test
    void aPkcs12ForwardTruststoreWithItsPasswordIsTrustedAlike() throws Exception {
        LotForwarder forwarder = new LotForwarder("https", Duration.ofSeconds(10), Optional.of(
                LotForwarder.trusting(certificates.trustStore(), certificates.storePassword().toCharArray())));
        assertEquals(200, forwarder.forward(ownerHost(), "lot A/1", SELF).code());
    }

    @Test
    void anOwnerWhoseCertificateIsNotTrustedIsABadGatewayNamingIt() {
        LotForwarder jvmTrust = new LotForwarder("https", Duration.ofSeconds(10), Optional.empty());
        HttpResponse<?> answer = jvmTrust.forward(ownerHost(), "lot A/1", SELF);
        assertEquals(502, answer.code());
        String body = String.valueOf(answer.getBody().orElseThrow());
        assertTrue(body.contains("localhost:" + owner.getAddress().getPort()), body);
        assertTrue(body.contains("SSLHandshakeException"), body);
        assertTrue(asked.isEmpty(), "nothing reached the owner");
    }

    @Test
    void aForwardTruststoreThatCannotBeOpenedIsRefusedNamingTheSettingNeverThePassword() throws Exception {
        Path p12 = certificates.trustStore();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LotForwarder.trusting(p12, "wrong-Pa55word".toCharArray()));
        assertTrue(refused.getMessage().startsWith(LotLookup.FORWARD_TRUSTSTORE + ": cannot read " + p12),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("wrong-Pa55word"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LotForwarder.trusting(dir.resolve("absent.crt"), new char[0]));
    }

    private HostInfo ownerHost() {
        return new HostInfo("localhost", owner.getAddress().getPort());
    }

    /** The stub owner serves with one of the stack's loopback certificates. */
    private static SSLContext serverContext(StackSecurity certificates) throws GeneralSecurityException, IOException {
        char[] password = certificates.storePassword().toCharArray();
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(KeyStore.getInstance(certificates.registryKeyStore().toFile(), password), password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
