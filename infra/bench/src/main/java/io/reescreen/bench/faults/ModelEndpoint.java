package io.reescreen.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The screener's {@code GET /model}, read for the version it serves. */
final class ModelEndpoint {

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    ModelEndpoint(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/model");
    }

    /** The version served, or null while the screener does not answer 200. */
    String version() throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = VERSION.matcher(answer.body());
            return answer.statusCode() == 200 && m.find() ? m.group(1) : null;
        } catch (IOException notAnswering) {
            return null;
        }
    }

    void awaitVersion(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String served = null;
        while (System.nanoTime() < deadline) {
            served = version();
            if (expected.equals(served)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("GET " + uri + " served " + served + ", not " + expected + ", after "
                + timeout.toSeconds() + " s");
    }

    /** The first version GET /model names once it answers. */
    String awaitAnyVersion(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String served = version();
            if (served != null) {
                return served;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("GET " + uri + " did not answer 200 within " + timeout.toSeconds() + " s");
    }
}
