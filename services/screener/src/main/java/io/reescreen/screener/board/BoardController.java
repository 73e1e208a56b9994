package io.reescreen.screener.board;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.reescreen.schemas.AlertAcknowledgement;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.screener.health.BrokerProbe;
import io.reescreen.screener.http.ModelDescriber;
import io.reescreen.screener.http.ServedStreams;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The yard board's JSON and Server-Sent Events (services/screener/README.md, The yard board): the whole yard from
 * {@link YardView}, whichever instance answers. Only {@code POST /board/alerts/{alertId}/ack} writes, and only with
 * the operator token.
 */
@Requires(beans = {BoardRuntime.class, ServedStreams.class})
@Controller("/board")
public final class BoardController {

    static final int MAX_OPERATOR_CHARS = 64;
    static final int MAX_NOTE_CHARS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(BoardController.class);

    private final BoardRuntime board;
    private final ServedStreams streams;
    private final ModelDescriber models;
    private final JsonMapper json;
    private final StreamsLag lag = new StreamsLag();

    private final BrokerProbe brokerProbe;

    /**
     * @param brokerProbe the screener's probe of the Kafka cluster; null where it has none. Neither the streams nor
     *                    the feed's consumer notice a broker that went away (they wait and retry), so the board asks it.
     */
    public BoardController(BoardRuntime board, ServedStreams streams, ModelDescriber models, JsonMapper json,
                           @Nullable BrokerProbe brokerProbe) {
        this.board = board;
        this.streams = streams;
        this.models = models;
        this.json = json;
        this.brokerProbe = brokerProbe;
    }

    @Get(uri = "/alerts", produces = MediaType.APPLICATION_JSON)
    public BoardJson.Alerts alerts(@QueryValue(defaultValue = "200") int limit) {
        return new BoardJson.Alerts(board.view().alerts(Math.min(Math.max(limit, 0), board.settings().maxAlerts())));
    }

    @Get(uri = "/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<?>> stream() {
        return board.broadcast().subscribe();
    }

    @Post(uri = "/alerts/{alertId}/ack", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> acknowledge(@PathVariable String alertId,
                                       @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                       @Nullable @Body String body) {
        Optional<String> expected = board.settings().operatorToken();
        if (expected.isEmpty()) {
            return problem(HttpStatus.FORBIDDEN, "no operator token configured (reescreen.screener.board.operator-token)");
        }
        if (!AccessTokens.matches(expected.get(), AccessTokens.bearer(authorization).orElse(null))) {
            return problem(HttpStatus.UNAUTHORIZED, "acknowledging needs the operator token (Authorization: Bearer <token>)");
        }
        Map<?, ?> fields;
        try {
            fields = body == null || body.isBlank() ? null : json.readValue(body, Map.class);
        } catch (IOException | RuntimeException e) {
            fields = null;
        }
        if (fields == null) {
            return problem(HttpStatus.BAD_REQUEST, "the body must be JSON: {\"operator\": \"...\", \"note\": \"...\"}");
        }
        Object operator = fields.get("operator");
        Object note = fields.get("note");
        if (!(operator instanceof String who) || who.isBlank() || who.length() > MAX_OPERATOR_CHARS) {
            return problem(HttpStatus.BAD_REQUEST, "operator must be text of 1 to " + MAX_OPERATOR_CHARS + " characters");
        }
        if (note != null && (!(note instanceof String text) || text.length() > MAX_NOTE_CHARS)) {
            return problem(HttpStatus.BAD_REQUEST, "note must be text of at most " + MAX_NOTE_CHARS + " characters");
        }
        Optional<HighReeAlert> alert = board.view().alert(alertId);
        if (alert.isEmpty()) {
            return board.feed().caughtUp() ? problem(HttpStatus.NOT_FOUND, "no alert " + alertId + " on the board")
                    : problem(HttpStatus.SERVICE_UNAVAILABLE, "the board is still reading the yard; try again");
        }
        String noteText = note == null || ((String) note).isBlank() ? null : (String) note;
        try {
            AlertAcknowledgement ack = board.acknowledge(alertId, alert.get().getLotId(), who.strip(), noteText);
            return HttpResponse.accepted().body(new BoardJson.Ack(ack.getAlertId(), ack.getOperator(), ack.getNote(),
                    ack.getAcknowledgedAt().toEpochMilli()));
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("acknowledgement of {} not written: {}", alertId, e.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "the acknowledgement could not be written to Kafka: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "interrupted");
        }
    }

    @Get(uri = "/lots", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> lots(@Nullable @QueryValue Double hours, @Nullable @QueryValue String site,
                                @Nullable @QueryValue String verdict) {
        Duration window = board.settings().window();
        Duration last = window;
        if (hours != null) {
            if (!(hours > 0)) {
                return problem(HttpStatus.BAD_REQUEST, "hours must be positive");
            }
            Duration asked = Duration.ofMillis((long) Math.min(hours * 3_600_000.0, Long.MAX_VALUE / 2.0));
            last = asked.compareTo(window) < 0 ? asked : window;
        }
        return HttpResponse.ok(new BoardJson.Lots(board.view().lots(last, blankToNull(site), blankToNull(verdict))));
    }

    @Get(uri = "/lots/{lotId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> lot(@PathVariable String lotId) {
        return board.view().lot(lotId).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "no lot " + lotId + " on the board"));
    }

    @Get(uri = "/model", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public BoardJson.ModelPanel model() {
        List<BoardJson.ModelInForce> inForce;
        try {
            inForce = ModelPanel.modelsInForce(models.describe());
        } catch (RuntimeException e) {
            inForce = List.of(); // streams stopped mid-question: the panel says nothing rather than something stale
        }
        return new BoardJson.ModelPanel(inForce, board.view().lastRejected().orElse(null), board.view().accuracy());
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    public BoardJson.Health health() {
        KafkaStreams kafkaStreams = streams.streams();
        KafkaStreams.State state = kafkaStreams.state();
        Long consumerLag = StreamsLag.of(kafkaStreams.metrics());
        boolean growing = lag.growing(consumerLag, System.currentTimeMillis());
        return new BoardJson.Health(state.name(), state == KafkaStreams.State.RUNNING,
                board.view().readingsPerSecond(), board.view().deadLettersPerSecondByReason(), consumerLag, growing,
                board.feed().caughtUp(), board.feed().lastError(),
                brokerProbe == null ? null : brokerProbe.whyUnreachable(Instant.now()).orElse(null));
    }

    private static HttpResponse<?> problem(HttpStatus status, String message) {
        return HttpResponse.status(status).body(new BoardJson.Problem(message));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
