package io.reescreen.screener.board;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.screener.app.ScreenerServiceEmbeddedTest;
import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.app.ScreenerRuntime;
import io.reescreen.screener.app.ScreenerService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board over HTTP against a real broker and registry: an alert written to ree.alerts reaches a Server-Sent Events
 * client of another instance and the JSON; an acknowledgement needs the operator token, comes back on that other
 * instance's stream and in the list, and is still there after the screener restarts (it lives on ree.alerts.acks). Other test classes write to the same topics,
 * so everything is looked up by this run's ids.
 */
@ExtendWith(EmbeddedStackExtension.class)
class BoardEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anAlertAndItsAcknowledgementReachAnotherInstancesStreamRoundTripAndSurviveARestart(
            EmbeddedStack stack, @TempDir Path state, @TempDir Path besideState) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String token = "operator-" + id;
        String lotId = "<img src=x onerror=alert(1)>\"/yard A/" + id; // the page escapes it; the JSON must carry it intact
        String alertId = "board-" + id + "-A1";
        Map<String, Object> config = config(stack, "board-screener-" + id, state, "board-model-" + id);
        config.put(BoardSettings.OPERATOR_TOKEN, token);
        config.put(BoardSettings.KEEPALIVE, "PT1S");

        // A second instance runs beside it, without streams of its own: its page gets the alert and the acknowledgement
        // made on the first one, live (every instance shows the whole yard).
        Map<String, Object> beside = config(stack, "board-screener-" + id, besideState, "board-model-" + id);
        beside.put(BoardSettings.OPERATOR_TOKEN, token);
        beside.put(BoardSettings.KEEPALIVE, "PT1S");
        beside.put(ScreenerRuntime.AUTO_START, "false");
        try (ScreenerService screener = ScreenerService.start(config);
             ScreenerService other = ScreenerService.start(beside)) {
            URI base = screener.uri();
            BoardRuntime board = screener.context().getBean(BoardRuntime.class);
            BoardRuntime otherBoard = other.context().getBean(BoardRuntime.class);
            await().atMost(STARTUP).until(() -> board.feed().caughtUp() && otherBoard.feed().caughtUp());

            BlockingQueue<String> sse = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> stream = HTTP.sendAsync(
                    HttpRequest.newBuilder(other.uri().resolve("board/alerts/stream")).GET().build(),
                    HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Thread reader = new Thread(() -> stream.body().forEach(sse::add), "sse-reader");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> otherBoard.broadcast().clients() >= 1);

            Instant raised = Instant.now();
            publish(stack, lotId, raised, alertId);

            JsonNode alert = nextEvent(sse, "alert", alertId);
            assertEquals(lotId, alert.get("lotId").asText());
            assertEquals("YARD-A", alert.get("siteId").asText());
            assertEquals(raised.toEpochMilli(), alert.get("raisedAtMs").asLong());
            assertEquals(180.0, alert.get("totalReeP05PpmMol").asDouble());
            assertEquals(0.93, alert.get("probHigh").asDouble());
            assertEquals("CaO", alert.get("attributions").get(0).get("feature").asText());
            assertTrue(alert.get("ack").isNull());
            assertTrue(sse.contains(": keepalive") || awaitLine(sse, ": keepalive"), "a keepalive comment");

            JsonNode listed = find(get(base, "board/alerts?limit=200").json().get("alerts"), alertId);
            assertTrue(listed.get("ack").isNull());

            String path = "board/alerts/" + alertId + "/ack";
            String body = "{\"operator\": \"Ana\", \"note\": \"diverted to stockpile 3\"}";
            assertEquals(401, post(base, path, null, body).status(), "no token");
            assertEquals(401, post(base, path, "wrong-" + token, body).status(), "a wrong token");
            assertEquals(400, post(base, path, token, "{\"note\": \"no operator\"}").status());
            assertEquals(400, post(base, path, token, "{\"operator\": \"" + "x".repeat(65) + "\"}").status());
            assertEquals(400, post(base, path, token, "not json").status());
            assertEquals(404, post(base, "board/alerts/no-such-" + id + "/ack", token, body).status());
            Answer accepted = post(base, path, token, body);
            assertEquals(202, accepted.status(), accepted.body());
            assertEquals("Ana", accepted.json().get("operator").asText());
            assertEquals(alertId, accepted.json().get("alertId").asText());

            JsonNode ackEvent = nextEvent(sse, "ack", alertId);
            assertEquals("diverted to stockpile 3", ackEvent.get("note").asText());
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !find(get(base, "board/alerts").json().get("alerts"), alertId).get("ack").isNull());

            JsonNode lot = get(base, "board/lots/" + URLEncoder.encode(lotId, StandardCharsets.UTF_8)
                    .replace("+", "%20")).json();
            assertEquals(lotId, lot.get("lot").get("lotId").asText());
            assertEquals("HIGH", lot.get("lot").get("verdict").asText());
            assertEquals(17, lot.get("outputs").size());
            assertEquals(1, lot.get("shots").size());
            assertNotNull(find(get(base, "board/lots?hours=1&site=YARD-A&verdict=HIGH").json().get("lots"), lotId,
                    "lotId"));
            assertEquals(404, get(base, "board/lots/no-such-lot-" + id).status());

            screener.awaitRunning(STARTUP);
            JsonNode model = get(base, "board/model").json();
            assertEquals(screener.model().info().version(), model.get("models").get(0).get("version").asText());
            assertTrue(model.get("models").get(0).get("siteId").isNull(), "the base model first");
            JsonNode health = get(base, "board/health").json();
            assertEquals("RUNNING", health.get("streamsState").asText());
            assertTrue(health.get("running").asBoolean());
            assertTrue(health.get("kafkaUnreachable").isNull(), health.toString());
        }

        // The same screener started again, now without an operator token and with a viewer token, and without
        // starting its streams: the board reads the yard on its own (and the test stops it without waiting for them).
        Map<String, Object> restarted = new HashMap<>(config);
        restarted.put(ScreenerRuntime.AUTO_START, "false");
        restarted.remove(BoardSettings.OPERATOR_TOKEN);
        restarted.put(BoardSettings.VIEWER_TOKEN, "viewer-" + id);
        try (ScreenerService screener = ScreenerService.start(restarted)) {
            URI base = screener.uri();
            BoardRuntime board = screener.context().getBean(BoardRuntime.class);
            await().atMost(STARTUP).until(() -> board.feed().caughtUp());
            assertEquals(401, get(base, "board/alerts").status(), "the viewer token is needed");
            JsonNode alert = find(get(base, "board/alerts?token=viewer-" + id).json().get("alerts"), alertId);
            assertEquals("Ana", alert.get("ack").get("operator").asText(), "the acknowledgement outlived the restart");
            Answer refused = post(base, "board/alerts/" + alertId + "/ack", "anything",
                    "{\"operator\": \"Bo\"}");
            assertEquals(403, refused.status());
            assertTrue(refused.body().contains("no operator token configured"), refused.body());
        }
    }

    static void publish(EmbeddedStack stack, String lotId, Instant at, String alertId) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, LotComposition> compositions = new KafkaProducer<>(config, new StringSerializer(),
                stack.serdes().valueSerde(LotComposition.class).serializer());
             KafkaProducer<String, ReePrediction> predictions = new KafkaProducer<>(config, new StringSerializer(),
                     stack.serdes().valueSerde(ReePrediction.class).serializer());
             KafkaProducer<String, HighReeAlert> alerts = new KafkaProducer<>(config, new StringSerializer(),
                     stack.serdes().valueSerde(HighReeAlert.class).serializer())) {
            compositions.send(new ProducerRecord<>(Topics.LOT_COMPOSITIONS.name(), lotId,
                    BoardRecords.composition(lotId, "YARD-A", 1, at)));
            predictions.send(new ProducerRecord<>(Topics.REE_PREDICTIONS.name(), lotId,
                    BoardRecords.prediction(lotId, at, 210, 0.93)));
            compositions.flush();
            predictions.flush();
            alerts.send(new ProducerRecord<>(Topics.REE_ALERTS.name(), lotId,
                    BoardRecords.alert(alertId, lotId, "YARD-A", at, AlertTransition.BECAME_LIKELY_HIGH)));
        }
    }

    /** The data of the next {@code event: name} whose data names {@code alertId}. */
    static JsonNode nextEvent(BlockingQueue<String> sse, String name, String alertId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean named = false;
        while (System.nanoTime() < deadline) {
            String line = sse.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals("event: " + name)) {
                named = true;
            } else if (named && line.startsWith("data:")) {
                JsonNode data = JSON.readTree(line.substring("data:".length()));
                if (alertId.equals(data.path("alertId").asText())) {
                    return data;
                }
                named = false;
            } else if (line.isEmpty()) {
                named = false;
            }
        }
        throw new AssertionError("no '" + name + "' event for " + alertId + " within 60 s");
    }

    private static boolean awaitLine(BlockingQueue<String> sse, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (wanted.equals(sse.poll(1, TimeUnit.SECONDS))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode find(JsonNode array, String value) {
        return find(array, value, "alertId");
    }

    private static JsonNode find(JsonNode array, String value, String field) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + array);
    }

    static Map<String, Object> config(EmbeddedStack stack, String applicationId, Path stateDir, String modelName) {
        return ScreenerServiceEmbeddedTest.config(stack, applicationId, stateDir, modelName);
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private static Answer get(URI base, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private static Answer post(URI base, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }
}
