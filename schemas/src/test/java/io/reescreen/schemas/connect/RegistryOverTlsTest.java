package io.reescreen.schemas.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.AlertAcknowledgement;
import io.reescreen.schemas.RegistrySerdes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serde against a registry stub over TLS, trusting only a CA given in the settings. */
class RegistryOverTlsTest {

    private static final long CONTENT_ID = 7;
    private static final String TOPIC = "ree.alerts.acks";
    private static final String PASSWORD = "reg-s3cr3t";
    private static final AlertAcknowledgement ACK = AlertAcknowledgement.newBuilder().setAlertId("alert-1")
            .setLotId("LOT-1").setOperator("ana").setNote("diverted to stockpile 3")
            .setAcknowledgedAt(Instant.ofEpochMilli(1_765_000_000_000L)).build();

    @TempDir
    static Path dir;
    private static Path caPem;

    @BeforeAll
    static void certificates() throws Exception {
        caPem = Keytool.caAndServer(dir, "registry");
    }

    @Test
    void theSerdeSendsBasicCredentialsToAStubRegistryOverTlsItTrustsByTheGivenCa() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("screener:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try (RegistryStub registry = stub(basic)) {
            RegistryConnection connection = basicOverCa(registry, PASSWORD);

            assertEquals(ACK, deserializer(connection).deserialize(TOPIC, confluentFramed(ACK)));

            assertTrue(registry.requests().stream().anyMatch(r -> r.path().endsWith("/ids/contentIds/" + CONTENT_ID)
                    && basic.equals(r.authorization())), registry.requests().toString());
        }
    }

    @Test
    void withoutTheCaTheSerdeNeverReachesTheRegistry() throws Exception {
        try (RegistryStub registry = stub("Basic x")) {
            RegistryConnection connection = RegistryConnection.of(registry.base() + "/apis/registry/v3",
                    RegistryClientSettings.fromEnvironment(Map.of(
                            "APICURIO_REGISTRY_AUTH_USERNAME", "screener",
                            "APICURIO_REGISTRY_AUTH_PASSWORD", PASSWORD)));

            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> deserializer(connection).deserialize(TOPIC, confluentFramed(ACK)));
            boolean untrusted = false;
            for (Throwable t = refused; t != null; t = t.getCause()) {
                untrusted |= t instanceof java.security.cert.CertPathBuilderException;
            }
            assertTrue(untrusted, "refused for the certificate path, not something else: " + refused);

            assertEquals(0, registry.requests().size(), "the TLS handshake fails before any request");
        }
    }

    @Test
    void oAuth2ClientCredentialsFetchATokenAndTheSerdeSendsItAsBearer() throws Exception {
        try (RegistryStub registry = stub("Bearer " + RegistryStub.TOKEN)) {
            RegistryConnection connection = oauth2OverCa(registry);

            assertEquals(ACK, deserializer(connection).deserialize(TOPIC, confluentFramed(ACK)));

            RegistryStub.Request token = registry.requests().stream().filter(r -> r.path().equals("/token")).findFirst()
                    .orElseThrow(() -> new AssertionError("no token request: " + registry.requests()));
            assertTrue(token.body().contains("grant_type=client_credentials"), token.body());
            assertTrue(registry.requests().stream().anyMatch(r -> r.path().endsWith("/ids/contentIds/" + CONTENT_ID)
                    && ("Bearer " + RegistryStub.TOKEN).equals(r.authorization())), registry.requests().toString());
        }
    }

    @Test
    void theRegistryCheckPassesWithBasicCredentialsOverTheGivenCaAndFailsInOneLineWithAWrongPassword() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("screener:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try (RegistryStub registry = stub(basic)) {
            RegistryConnection right = basicOverCa(registry, PASSWORD);
            RegistryConnection wrong = basicOverCa(registry, "wrong-Pa55");

            ConnectionCheck.registry(right, Duration.ofSeconds(30));
            ConnectionProblem refused = assertThrows(ConnectionProblem.class,
                    () -> ConnectionCheck.registry(wrong, Duration.ofSeconds(30)));

            assertEquals("the registry at " + right.url() + " refused basic credentials, HTTP 401 "
                    + "(apicurio.registry.auth.username, apicurio.registry.auth.password)", refused.getMessage());
            assertEquals("apicurio.registry.auth.password", refused.setting());
            assertTrue(registry.requests().stream().anyMatch(r -> r.path().endsWith("/search/artifacts")
                    && basic.equals(r.authorization())), registry.requests().toString());
        }
    }

    @Test
    void aRegistryCheckWithoutTheCaFailsNamingTheTruststoreLocation() throws Exception {
        try (RegistryStub registry = stub("Basic x")) {
            RegistryConnection untrusting = RegistryConnection.of(registry.base() + "/apis/registry/v3",
                    RegistryClientSettings.NONE);

            ConnectionProblem refused = assertThrows(ConnectionProblem.class,
                    () -> ConnectionCheck.registry(untrusting, Duration.ofSeconds(30)));

            assertEquals("TLS handshake with the registry at " + untrusting.url() + " failed: its certificate is not "
                    + "trusted (apicurio.registry.tls.truststore.location)", refused.getMessage());
        }
    }

    @Test
    void theRegistryCheckFetchesAnOAuth2TokenAndSendsItAsBearer() throws Exception {
        try (RegistryStub registry = stub("Bearer " + RegistryStub.TOKEN)) {
            RegistryConnection connection = oauth2OverCa(registry);

            ConnectionCheck.registry(connection, Duration.ofSeconds(30));

            assertTrue(registry.requests().stream().anyMatch(r -> r.path().equals("/token")
                    && r.body().contains("grant_type=client_credentials") && r.body().contains("client_id=screener")),
                    registry.requests().toString());
            assertTrue(registry.requests().stream().anyMatch(r -> r.path().endsWith("/search/artifacts")
                    && ("Bearer " + RegistryStub.TOKEN).equals(r.authorization())), registry.requests().toString());
        }
    }

    private static RegistryConnection oauth2OverCa(RegistryStub registry) {
        return RegistryConnection.of(registry.base() + "/apis/registry/v3", RegistryClientSettings.fromEnvironment(Map.of(
                "APICURIO_REGISTRY_AUTH_SERVICE_TOKEN_ENDPOINT", registry.base() + "/token",
                "APICURIO_REGISTRY_AUTH_CLIENT_ID", "screener",
                "APICURIO_REGISTRY_AUTH_CLIENT_SECRET", PASSWORD,
                "APICURIO_REGISTRY_TLS_TRUSTSTORE_LOCATION", caPem.toString(),
                "APICURIO_REGISTRY_TLS_TRUSTSTORE_TYPE", "PEM")));
    }

    private static RegistryConnection basicOverCa(RegistryStub registry, String password) {
        return RegistryConnection.of(registry.base() + "/apis/registry/v3", RegistryClientSettings.fromEnvironment(Map.of(
                "APICURIO_REGISTRY_AUTH_USERNAME", "screener",
                "APICURIO_REGISTRY_AUTH_PASSWORD", password,
                "APICURIO_REGISTRY_TLS_TRUSTSTORE_LOCATION", caPem.toString(),
                "APICURIO_REGISTRY_TLS_TRUSTSTORE_TYPE", "PEM")));
    }

    private static RegistryStub stub(String expectedAuthorization) throws Exception {
        return new RegistryStub(dir.resolve("registry.p12"), Keytool.STORE_PASSWORD, CONTENT_ID,
                AlertAcknowledgement.getClassSchema(), expectedAuthorization);
    }

    private static Deserializer<AlertAcknowledgement> deserializer(RegistryConnection connection) {
        return new RegistrySerdes(connection, false).valueSerde(AlertAcknowledgement.class).deserializer();
    }

    /** Confluent's framing, as our serializer writes it: magic byte 0, the 4-byte content id, the Avro body. */
    private static byte[] confluentFramed(AlertAcknowledgement value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt((int) CONTENT_ID).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(AlertAcknowledgement.class).write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
