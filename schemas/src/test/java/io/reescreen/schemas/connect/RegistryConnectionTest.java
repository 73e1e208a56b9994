package io.reescreen.schemas.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.XrfReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryConnectionTest {

    private static final String URL = "https://registry.plant:8443/apis/registry/v3";
    private static final String PASSWORD = "reg-s3cr3t";

    @TempDir
    Path dir;

    @Test
    void registrySettingsBecomeApicurioSerdeKeysForBasicOAuth2AndTruststore() throws IOException {
        SchemaResolverConfig basic = resolverConfig(write("basic.properties",
                "apicurio.registry.auth.username=screener",
                "apicurio.registry.auth.password=" + PASSWORD,
                "apicurio.registry.tls.truststore.location=/etc/reescreen/ca.crt",
                "apicurio.registry.tls.truststore.type=PEM"));
        SchemaResolverConfig oauth2 = resolverConfig(write("oauth2.properties",
                "apicurio.registry.auth.service.token.endpoint=https://idp.plant/realms/plant/protocol/openid-connect/token",
                "apicurio.registry.auth.client.id=screener",
                "apicurio.registry.auth.client.secret=" + PASSWORD,
                "apicurio.registry.auth.client.scope=registry",
                "apicurio.registry.tls.truststore.location=/etc/reescreen/ca.p12",
                "apicurio.registry.tls.truststore.type=PKCS12",
                "apicurio.registry.tls.truststore.password=" + PASSWORD));

        assertEquals(URL, basic.getRegistryUrl());
        assertEquals("screener", basic.getAuthUsername());
        assertEquals(PASSWORD, basic.getAuthPassword());
        assertEquals("/etc/reescreen/ca.crt", basic.getTlsTruststoreLocation());
        assertEquals("PEM", basic.getTlsTruststoreType());
        assertEquals("https://idp.plant/realms/plant/protocol/openid-connect/token", oauth2.getTokenEndpoint());
        assertEquals("screener", oauth2.getAuthClientId());
        assertEquals(PASSWORD, oauth2.getAuthClientSecret());
        assertEquals("registry", oauth2.getAuthClientScope());
        assertEquals("PKCS12", oauth2.getTlsTruststoreType());
        assertEquals(PASSWORD, oauth2.getTlsTruststorePassword());
    }

    @Test
    void environmentVariablesMapOntoTheRegistryFilesKeys() throws IOException {
        RegistryClientSettings fromEnv = RegistryClientSettings.fromEnvironment(Map.of(
                "APICURIO_REGISTRY_AUTH_USERNAME", "screener",
                "APICURIO_REGISTRY_AUTH_PASSWORD", PASSWORD,
                "APICURIO_REGISTRY_TLS_VERIFY_HOST", "false",
                "APICURIO_REGISTRY_URL", "ignored: the URL is given on its own"));

        assertEquals(RegistryClientSettings.load(write("registry.properties",
                "apicurio.registry.auth.username=screener",
                "apicurio.registry.auth.password=" + PASSWORD,
                "apicurio.registry.tls.verify-host=false")).settings(), fromEnv.settings());
    }

    @Test
    void fileReferencesAreResolvedForTheSerdeAndNeverShown() throws IOException {
        Path secrets = write("secrets.properties", "registry.password=" + PASSWORD);
        RegistryConnection connection = RegistryConnection.of(URL, RegistryClientSettings.load(write("registry.properties",
                "apicurio.registry.auth.username=screener",
                "apicurio.registry.auth.password=${file:" + secrets + ":registry.password}")));

        Map<String, Object> serde = new RegistrySerdes(connection, false).config(XrfReading.class);

        assertEquals(PASSWORD, serde.get(SchemaResolverConfig.AUTH_PASSWORD));
        assertEquals(URL + " with basic credentials", connection.describe());
        for (String shown : new String[] {connection.toString(), connection.settings().toString(),
                connection.settings().redacted().toString()}) {
            assertFalse(shown.contains(PASSWORD), shown);
        }
        assertEquals(Secrets.HIDDEN, connection.settings().redacted().get(SchemaResolverConfig.AUTH_PASSWORD));
        assertEquals("screener", connection.settings().redacted().get(SchemaResolverConfig.AUTH_USERNAME));
    }

    @Test
    void anOpenRegistryAddsNothingButItsUrlAndKeepsTheSerdesBehaviour() {
        Map<String, Object> open = new RegistrySerdes(URL, true).config(XrfReading.class);

        assertEquals(Map.of(SchemaResolverConfig.REGISTRY_URL, URL), RegistryConnection.open(URL).serdeConfig());
        assertEquals(URL, open.get(SchemaResolverConfig.REGISTRY_URL));
        assertEquals(true, open.get("apicurio.registry.auto-register"));
        assertFalse(open.containsKey(SchemaResolverConfig.AUTH_USERNAME));
    }

    @Test
    void anUnknownKeyInTheRegistryFileIsRefusedNamingTheFileAndTheKey() throws IOException {
        Path file = write("registry.properties", "apicurio.registry.auth.user=screener");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RegistryClientSettings.load(file));

        assertEquals(file + ": unknown key apicurio.registry.auth.user (only apicurio.registry.auth.*, "
                + "apicurio.registry.tls.*, apicurio.registry.proxy.*)", refused.getMessage());
    }

    @Test
    void halfACredentialOrTwoKindsOfCredentialsAreRefusedNeverShowingAValue() throws IOException {
        Path half = write("half.properties", "apicurio.registry.auth.password=" + PASSWORD);
        Path both = write("both.properties", "apicurio.registry.auth.username=screener",
                "apicurio.registry.auth.password=" + PASSWORD,
                "apicurio.registry.auth.service.token.endpoint=https://idp.plant/token",
                "apicurio.registry.auth.client.id=screener", "apicurio.registry.auth.client.secret=" + PASSWORD);

        String halfMessage = assertThrows(IllegalArgumentException.class, () -> RegistryClientSettings.load(half))
                .getMessage();
        String bothMessage = assertThrows(IllegalArgumentException.class, () -> RegistryClientSettings.load(both))
                .getMessage();

        assertEquals(half + ": apicurio.registry.auth.password is set but apicurio.registry.auth.username is not",
                halfMessage);
        assertTrue(bothMessage.endsWith("are set: keep one"), bothMessage);
        assertFalse(halfMessage.contains(PASSWORD) || bothMessage.contains(PASSWORD));
    }

    private SchemaResolverConfig resolverConfig(Path file) {
        return new SchemaResolverConfig(new RegistrySerdes(RegistryConnection.of(URL, RegistryClientSettings.load(file)),
                false).config(XrfReading.class));
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }
}
