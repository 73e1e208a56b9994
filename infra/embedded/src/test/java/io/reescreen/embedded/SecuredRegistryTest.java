package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.security.Credentials;
import io.reescreen.embedded.security.StackSecurity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry child secured alone (schemas in memory, no broker): HTTPS only, and Apicurio 3.0.9 enforcing HTTP basic
 * authentication with Quarkus's embedded users (no identity provider).
 */
class SecuredRegistryTest {

    @TempDir
    static Path workDir;

    private static StackSecurity security;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startSecuredRegistry() throws Exception {
        security = StackSecurity.prepare(workDir.resolve("security"));
        long launched = System.nanoTime();
        registry = EmbeddedSchemaRegistry.launchSecured(workDir.resolve("registry"), 0, RegistryStorage.inMemory(),
                security);
        registry.awaitReady(Duration.ofSeconds(120), launched);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void theRegistryServesHttpsWithTheStacksCertificateAndNoPlainHttp() throws Exception {
        assertTrue(registry.baseUrl().startsWith("https://127.0.0.1:"), registry.baseUrl());
        assertEquals(200, get(trustingTheCa(), registry.baseUrl() + "/health/ready", null).statusCode());

        String plainUrl = registry.baseUrl().replace("https://", "http://") + "/health/ready";
        assertTrue(refusedOrNotOk(HttpClient.newHttpClient(), plainUrl), "plain HTTP answered on the TLS port");
        assertTrue(refusedWithHandshakeFailure(HttpClient.newHttpClient(), registry.baseUrl() + "/health/ready"),
                "a client with only the JVM's default trust accepted the stack's certificate");
    }

    @Test
    void theRegistryRefusesAnonymousAndWrongCredentialsAndAnswersTheRegistryUser() throws Exception {
        Credentials user = security.registryUser();
        HttpClient http = trustingTheCa();
        for (String path : new String[] {"/apis/registry/v3/search/artifacts?limit=1", "/apis/ccompat/v7/subjects"}) {
            String url = registry.baseUrl() + path;
            assertEquals(401, get(http, url, null).statusCode(), "anonymous " + path);
            assertEquals(401, get(http, url, basic(user.name(), "not-the-password")).statusCode(), "wrong password " + path);
            HttpResponse<String> answered = get(http, url, basic(user.name(), user.password()));
            assertEquals(200, answered.statusCode(), path + " -> " + answered.body());
        }
    }

    @Test
    void theChildsSecretsAreInAnOwnerOnlyFileNotOnItsCommandLine() throws Exception {
        String commandLine = ProcessHandle.of(registry.pid()).orElseThrow().info().commandLine().orElse("");
        assertTrue(commandLine.contains("GeneratedMain"), "not the registry's command line: " + commandLine);
        assertTrue(!commandLine.contains(security.storePassword()), "the key store password is on the command line");
        assertTrue(!commandLine.contains(security.registryUser().password()), "the user's password is on the command line");

        Path config = workDir.resolve("registry").resolve("config").resolve("application.properties");
        assertTrue(Files.readString(config).contains(security.registryUser().password()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config)));
    }

    private static HttpClient trustingTheCa() {
        return HttpClient.newBuilder().sslContext(security.sslContextTrustingTheCa())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(HttpClient http, String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refusedOrNotOk(HttpClient http, String url) throws InterruptedException {
        try {
            return get(http, url, null).statusCode() != 200;
        } catch (IOException refused) {
            return true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean refusedWithHandshakeFailure(HttpClient http, String url) throws Exception {
        try {
            get(http, url, null);
            return false;
        } catch (SSLHandshakeException untrusted) {
            return true;
        }
    }
}
