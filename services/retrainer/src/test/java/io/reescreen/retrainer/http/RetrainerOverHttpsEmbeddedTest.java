package io.reescreen.retrainer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.embedded.security.StackSecurity;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.retrainer.app.RetrainerProperties;
import io.reescreen.retrainer.app.RetrainerService;
import io.reescreen.retrainer.testing.ServiceConfig;
import io.reescreen.streams.ServerTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The retrainer with TLS on ({@code micronaut.server.ssl.*}): HTTPS only, and its write endpoints keep their token. */
@ExtendWith(EmbeddedStackExtension.class)
class RetrainerOverHttpsEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final String TOKEN = "https-retrain-token-0123456789";

    @Test
    void theRetrainerServesHttpsAndPostRetrainStillNeedsItsToken(EmbeddedStack stack, @TempDir Path dir)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        // a CA and loopback server certificates, as the secured embedded stack makes them
        StackSecurity tls = StackSecurity.prepare(dir.resolve("security"));
        Path model = ServiceConfig.bootstrapModel(dir, new BootstrapModel.SyntheticSpecification(120, 2, 4, 42));
        Map<String, Object> config = ServiceConfig.of("retrainer", stack, "https-retrainer-" + id,
                dir.resolve("state"), model);
        config.put(RetrainerProperties.MODEL_NAME, "https-model-" + id);
        config.put(RetrainerProperties.AUTH_TOKEN, TOKEN);
        config.putAll(ServerTls.settings(tls.registryKeyStore(), -1));
        config.put(ServerTls.KEY_STORE_PASSWORD, tls.storePassword());
        HttpClient https = HttpClient.newBuilder().sslContext(tls.sslContextTrustingTheCa())
                .connectTimeout(Duration.ofSeconds(5)).build();

        try (RetrainerService retrainer = RetrainerService.start(config)) {
            URI base = retrainer.uri();
            assertEquals(URI.create("https://localhost:" + retrainer.httpPort() + "/"), base);
            assertThrows(IOException.class, () -> send(HttpClient.newHttpClient(),
                    get(URI.create("http://localhost:" + retrainer.httpPort() + "/retrain"))), "no plain HTTP");
            retrainer.awaitReady(STARTUP);
            HttpResponse<String> status = send(https, get(base.resolve("retrain")));
            assertEquals(200, status.statusCode(), status.body());
            assertTrue(status.body().contains("\"httpTriggerEnabled\":true"), status.body());

            // a site nobody has examples of: the attempt is answered at once, with its reason, and publishes nothing
            URI retrain = base.resolve("retrain?site=NO-SUCH-SITE-" + id);
            assertEquals(401, send(https, post(retrain, null)).statusCode(), "no token");
            assertEquals(401, send(https, post(retrain, "wrong-" + TOKEN)).statusCode(), "a wrong token");
            HttpResponse<String> byHand = send(https, post(retrain, TOKEN));
            assertEquals(200, byHand.statusCode(), byHand.body());
            assertTrue(byHand.body().contains("\"trigger\":\"POST /retrain\""), byHand.body());

            URI accept = base.resolve("retrain/held/no-such-" + id + "/accept");
            assertEquals(401, send(https, post(accept, null)).statusCode(), "no token");
            assertEquals(404, send(https, post(accept, TOKEN)).statusCode(), "the token is taken; nothing is held");
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build();
    }

    private static HttpRequest post(URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
