package io.reescreen.screener.board;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.screener.app.ScreenerServiceEmbeddedTest;
import io.reescreen.embedded.security.StackSecurity;
import io.reescreen.streams.ServerTls;
import io.reescreen.streams.ServiceLifecycle;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screener with TLS on ({@code micronaut.server.ssl.*}, a key store of a test CA): HTTPS only, the API, the
 * board's page and its live alerts over it, and the acknowledgement still behind the operator token.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ScreenerOverHttpsEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration REQUEST = Duration.ofSeconds(20);

    @Test
    void theScreenerServesHttpsOnlyAndTheAcknowledgementStillNeedsTheOperatorToken(
            EmbeddedStack stack, @TempDir Path state, @TempDir Path certificates) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String token = "operator-" + id;
        String alertId = "https-" + id + "-A1";
        // a CA and loopback server certificates, as the secured embedded stack makes them
        StackSecurity tls = StackSecurity.prepare(certificates);
        int plainPort = freePort();
        Map<String, Object> config = ScreenerServiceEmbeddedTest.config(stack, "https-screener-" + id, state,
                "https-model-" + id);
        config.put(ServiceLifecycle.SERVER_PORT, plainPort);
        config.putAll(ServerTls.settings(tls.registryKeyStore(), -1));
        config.put(ServerTls.KEY_STORE_PASSWORD, tls.storePassword());
        config.put(BoardSettings.OPERATOR_TOKEN, token);
        config.put(BoardSettings.KEEPALIVE, "PT1S");
        HttpClient https = HttpClient.newBuilder().sslContext(tls.sslContextTrustingTheCa())
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient jvmTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        try (ScreenerService screener = ScreenerService.start(config)) {
            URI base = screener.uri();
            assertEquals(URI.create("https://localhost:" + screener.httpPort() + "/"), base);
            assertEquals("localhost:" + screener.httpPort(), screener.streamsConfig().getProperty("application.server"),
                    "other instances are sent to the HTTPS port");

            // HTTPS only: plain HTTP on the HTTPS port gets no answer, the plain port is not opened at all
            URI plainOnTlsPort = URI.create("http://localhost:" + screener.httpPort() + "/model");
            assertThrows(IOException.class, () -> send(jvmTrust, get(plainOnTlsPort)));
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), plainPort).close());
            // a client that does not trust the test CA is refused in the handshake
            assertThrows(SSLHandshakeException.class, () -> send(jvmTrust, get(base.resolve("model"))));

            screener.awaitRunning(STARTUP);
            await().atMost(STARTUP).until(() -> send(https, get(base.resolve("model"))).statusCode() == 200);
            HttpResponse<String> model = send(https, get(base.resolve("model")));
            assertTrue(model.body().contains("\"modelName\":\"https-model-" + id + "\""), model.body());
            HttpResponse<String> page = send(https, get(base));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("board.js"), "the board's page, whose URLs are all relative");

            // the board's live alerts over https
            BoardRuntime board = screener.context().getBean(BoardRuntime.class);
            await().atMost(STARTUP).until(() -> board.feed().caughtUp());
            BlockingQueue<String> sse = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> stream = https.sendAsync(get(base.resolve("board/alerts/stream")),
                    HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
            assertEquals(200, stream.statusCode());
            Thread reader = new Thread(() -> stream.body().forEach(sse::add), "sse-reader");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> board.broadcast().clients() >= 1);
            BoardEmbeddedTest.publish(stack, "https-lot-" + id, Instant.now(), alertId);
            assertEquals("https-lot-" + id, BoardEmbeddedTest.nextEvent(sse, "alert", alertId).get("lotId").asText());

            // acknowledging still needs the operator token
            URI ack = base.resolve("board/alerts/" + alertId + "/ack");
            String body = "{\"operator\": \"Ana\"}";
            assertEquals(401, send(https, post(ack, null, body)).statusCode(), "no token");
            assertEquals(401, send(https, post(ack, "wrong-" + token, body)).statusCode(), "a wrong token");
            HttpResponse<String> accepted = send(https, post(ack, token, body));
            assertEquals(202, accepted.statusCode(), accepted.body());
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST).GET().build();
    }

    private static HttpRequest post(URI uri, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A loopback port nobody listens on (bound, then released). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
