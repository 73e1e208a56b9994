package io.reescreen.schemas.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;

/**
 * A schema registry that knows one schema, by content id, over HTTPS, and answers only requests carrying the expected
 * {@code Authorization} header; {@code /token} is an OAuth2 token endpoint for the client-credentials grant. Every
 * request is recorded, so a test can say what a client sent. Apicurio's own server cannot be asked for credentials
 * without an identity provider here, and this module cannot start it anyway (infra/embedded depends on schemas).
 */
final class RegistryStub implements AutoCloseable {

    static final String TOKEN = "stub-access-token-1";

    record Request(String method, String path, String authorization, String body) {
    }

    private final HttpsServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final long contentId;
    private final Schema schema;
    private final String expectedAuthorization;

    RegistryStub(Path keystore, String password, long contentId, Schema schema, String expectedAuthorization)
            throws Exception {
        this.contentId = contentId;
        this.schema = schema;
        this.expectedAuthorization = expectedAuthorization;
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.start();
    }

    /** https://127.0.0.1:port (no path). */
    String base() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(exchange.getRequestMethod(), path, authorization, body));
        String ids = "/apis/registry/v3/ids/contentIds/" + contentId;
        if (path.equals("/token")) {
            respond(exchange, 200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        } else if (!expectedAuthorization.equals(authorization)) {
            respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
        } else if (path.equals("/apis/registry/v3/search/artifacts")) {
            respond(exchange, 200, "{\"artifacts\":[],\"count\":0}");
        } else if (path.equals(ids + "/references")) {
            respond(exchange, 200, "[]");
        } else if (path.equals(ids)) {
            respond(exchange, 200, schema.toString());
        } else {
            respond(exchange, 404, "{\"error_code\":404,\"message\":\"not in the stub: " + path + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
