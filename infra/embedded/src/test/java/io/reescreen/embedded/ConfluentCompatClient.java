package io.reescreen.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The few calls of Confluent's Schema Registry REST API that the tests make, as a Confluent client would. */
final class ConfluentCompatClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    ConfluentCompatClient(String confluentCompatibleUrl) {
        this.baseUrl = confluentCompatibleUrl;
    }

    /** Registers a schema version under a subject; returns the HTTP response (id in the body on 200). */
    Response register(String subject, String schema) throws IOException, InterruptedException {
        return post("/subjects/" + subject + "/versions", Map.of("schema", schema));
    }

    Response latest(String subject) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/subjects/" + subject + "/versions/latest")).GET());
    }

    Response schemaById(int id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/schemas/ids/" + id)).GET());
    }

    /** A subject's own compatibility level (404 when it only inherits the global one). */
    Response config(String subject) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/config/" + subject)).GET());
    }

    Response testCompatibility(String subject, String schema) throws IOException, InterruptedException {
        return post("/compatibility/subjects/" + subject + "/versions/latest", Map.of("schema", schema));
    }

    private Response post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Accept", CONTENT_TYPE).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }
}
