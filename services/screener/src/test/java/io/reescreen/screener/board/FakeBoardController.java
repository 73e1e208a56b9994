package io.reescreen.screener.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.reescreen.simulator.SimulatedLot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A stand-in for the board's backend while it is being written: the HTTP contract of issue 13 (the JSON bodies,
 * the SSE events, the acknowledgement's statuses) over in-memory fixtures that the browser test fills. Only in a
 * screener started with {@code reescreen.test.board.fake=true}; {@link BoardBrowserTest#BACKEND} chooses it.
 */
@Controller("/board")
@Requires(property = FakeBoardController.ENABLED, value = "true")
public final class FakeBoardController {

    static final String ENABLED = "reescreen.test.board.fake";
    static final String OPERATOR_TOKEN = "fake-operator-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] OXIDES = {"SiO2", "Al2O3", "CaO", "Fe2O3", "MgO", "Na2O", "K2O", "TiO2", "P2O5",
            "MnO"};
    private static final String[] ELEMENTS = {"La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm",
            "Yb", "Lu", "Y", "Sc"};

    private final List<Map<String, Object>> alerts = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> lots = new ConcurrentHashMap<>();
    private final Sinks.Many<Event<String>> events = Sinks.many().multicast().directBestEffort();

    /** A lot scored and an alert raised for it, as the backend would show them after the screener's records. */
    void raiseAlertFor(SimulatedLot lot) {
        double total = lot.trueTotalReePpmMol();
        long now = System.currentTimeMillis();
        lots.put(lot.lotId(), lot(lot, total, now));
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("alertId", "fake-" + alerts.size() + "-" + now);
        alert.put("lotId", lot.lotId());
        alert.put("siteId", lot.siteId());
        alert.put("raisedAtMs", now);
        alert.put("transition", "BECAME_LIKELY_HIGH");
        alert.put("trigger", "NEW_READINGS");
        alert.put("totalReeMeanPpmMol", total);
        alert.put("totalReeP05PpmMol", total * 0.8);
        alert.put("totalReeP95PpmMol", total * 1.25);
        alert.put("thresholdTotalReePpmMol", 157.0);
        alert.put("probHigh", 0.93);
        alert.put("outOfDomain", false);
        alert.put("attributions", attributions());
        alert.put("modelVersion", "fake-model-1");
        alert.put("modelSiteId", null);
        alert.put("readingCount", 5);
        alert.put("reason", "P(total REE >= 157 ppm mol) rose to 0.93 above 0.80");
        alert.put("ack", null);
        alerts.add(0, alert);
        events.tryEmitNext(Event.of(json(alert)).name("alert"));
    }

    @Get(uri = "/alerts", produces = MediaType.APPLICATION_JSON)
    public String alerts(@QueryValue(defaultValue = "200") int limit) {
        return json(Map.of("alerts", alerts.subList(0, Math.min(limit, alerts.size()))));
    }

    @Get(uri = "/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<String>> stream() {
        // A comment first, as the real stream's keepalive: the response (and EventSource's open) starts at once.
        return Flux.concat(Flux.just(Event.of("").comment("connected")), events.asFlux());
    }

    @Post(uri = "/alerts/{alertId}/ack", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> acknowledge(@PathVariable String alertId, @Nullable @Header("Authorization") String auth,
                                     @Body String body) {
        if (!("Bearer " + OPERATOR_TOKEN).equals(auth)) {
            return HttpResponse.<String>unauthorized().body(json(Map.of("message", "wrong or missing operator token")));
        }
        JsonNode form;
        try {
            form = JSON.readTree(body);
        } catch (IOException e) {
            return HttpResponse.badRequest(json(Map.of("message", "not JSON")));
        }
        String operator = form.path("operator").asText("");
        if (operator.isEmpty() || operator.length() > 64 || form.path("note").asText("").length() > 500) {
            return HttpResponse.badRequest(json(Map.of("message", "operator 1..64 characters, note at most 500")));
        }
        Map<String, Object> alert = alerts.stream().filter(a -> a.get("alertId").equals(alertId)).findFirst()
                .orElse(null);
        if (alert == null) {
            return HttpResponse.notFound(json(Map.of("message", "no alert " + alertId)));
        }
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("alertId", alertId);
        ack.put("operator", operator);
        ack.put("note", form.path("note").isNull() ? null : form.path("note").asText(null));
        ack.put("acknowledgedAtMs", System.currentTimeMillis());
        alert.put("ack", ack);
        events.tryEmitNext(Event.of(json(ack)).name("ack"));
        return HttpResponse.accepted().body(json(ack));
    }

    @Get(uri = "/lots", produces = MediaType.APPLICATION_JSON)
    public String lots(@Nullable @QueryValue String site, @Nullable @QueryValue String verdict) {
        List<Map<String, Object>> chosen = lots.values().stream()
                .filter(l -> site == null || site.equals(l.get("siteId")))
                .filter(l -> verdict == null || verdict.equals(l.get("verdict"))).toList();
        return json(Map.of("lots", chosen));
    }

    @Get(uri = "/lots/{lotId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> lot(@PathVariable String lotId) {
        Map<String, Object> lot = lots.get(lotId);
        if (lot == null) {
            return HttpResponse.notFound(json(Map.of("message", "no lot " + lotId)));
        }
        double total = (double) lot.get("totalReeMeanPpmMol");
        List<Map<String, Object>> outputs = new ArrayList<>();
        outputs.add(output("TOTAL_REE", total));
        for (int i = 0; i < ELEMENTS.length; i++) {
            outputs.add(output(ELEMENTS[i], total / (4.0 + 3 * i)));
        }
        List<Map<String, Object>> shots = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            Map<String, Object> oxides = new LinkedHashMap<>();
            for (int i = 0; i < OXIDES.length; i++) {
                oxides.put(OXIDES[i], (60.0 / (i + 1)) * (1 + 0.02 * s));
            }
            shots.add(Map.of("atMs", (long) lot.get("updatedAtMs") - (5 - s) * 60_000L, "oxidesMolPct", oxides));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("lot", lot);
        page.put("outputs", outputs);
        page.put("attributions", attributions());
        page.put("shots", shots);
        page.put("deadLetters", List.of(Map.of("atMs", lot.get("updatedAtMs"), "reason", "IMPLAUSIBLE_TOTAL",
                "detail", "oxide total 131.2 wt % is above 110 wt %")));
        page.put("labResults", List.of());
        return HttpResponse.ok(json(page));
    }

    @Get(uri = "/model", produces = MediaType.APPLICATION_JSON)
    public String model() {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("siteId", null);
        base.put("version", "fake-model-1");
        base.put("since", System.currentTimeMillis() - 3_600_000L);
        base.put("parentVersion", null);
        base.put("metrics", Map.of("maeOverMeanPct", 11.1, "coverage90Pct", 90.0));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("models", List.of(base));
        model.put("lastRejected", null);
        model.put("accuracy", List.of());
        return json(model);
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    public String health() {
        return json(Map.of("streamsState", "RUNNING", "running", true, "readingsPerSecond", 2.0,
                "deadLettersPerSecondByReason", Map.of("IMPLAUSIBLE_TOTAL", 0.1), "consumerLag", 0,
                "lagGrowing", false));
    }

    private static Map<String, Object> lot(SimulatedLot simulated, double total, long now) {
        Map<String, Object> lot = new LinkedHashMap<>();
        lot.put("lotId", simulated.lotId());
        lot.put("siteId", simulated.siteId());
        lot.put("shots", 5);
        lot.put("totalReeMeanPpmMol", total);
        lot.put("totalReeP05PpmMol", total * 0.8);
        lot.put("totalReeP95PpmMol", total * 1.25);
        lot.put("probHigh", 0.93);
        lot.put("verdict", "HIGH");
        lot.put("outOfDomain", false);
        lot.put("byDifference", null);
        lot.put("modelVersion", "fake-model-1");
        lot.put("modelSiteId", null);
        lot.put("updatedAtMs", now);
        return lot;
    }

    private static Map<String, Object> output(String target, double mean) {
        return Map.of("target", target, "meanPpmMol", mean, "p05PpmMol", mean * 0.8, "p95PpmMol", mean * 1.25);
    }

    private static List<Map<String, Object>> attributions() {
        return List.of(Map.of("feature", "CaO", "contributionPpmMol", 21.5),
                Map.of("feature", "Al2O3", "contributionPpmMol", 12.0),
                Map.of("feature", "Fe2O3", "contributionPpmMol", -6.3),
                Map.of("feature", "TiO2", "contributionPpmMol", 3.1));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
