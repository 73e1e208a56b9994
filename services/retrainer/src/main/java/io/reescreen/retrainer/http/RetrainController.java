package io.reescreen.retrainer.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.reescreen.retrainer.app.RetrainerProperties;
import io.reescreen.retrainer.app.RetrainerRuntime;
import io.reescreen.retrainer.champion.Champion;
import io.reescreen.retrainer.held.HeldLabResults;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ReeTargetValue;
import io.reescreen.schemas.Topics;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.retrainer.training.RetrainingOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /retrain} (bearer token, {@value RetrainerProperties#AUTH_TOKEN}): retrain now, answering with the
 * attempts, published or not: {@code ?site=S} that site's model on its examples (one attempt), else every site that
 * has examples (a list); {@code GET /retrain}: status; {@code GET /retrain/history}: the last
 * hundred attempts, oldest first, each with why it was published or not.
 */
@Controller("/retrain")
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class RetrainController {

    private final RetrainerRuntime runtime;

    public RetrainController(RetrainerRuntime runtime) {
        this.runtime = runtime;
    }

    @Post(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> retrain(@Header("Authorization") @Nullable String authorization,
                                   @QueryValue @Nullable String site, @QueryValue @Nullable Boolean full) {
        Optional<String> token = runtime.config().authToken();
        if (token.isEmpty()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error",
                    "POST /retrain is off: set " + RetrainerProperties.AUTH_TOKEN + " (at least 16 characters)"));
        }
        if (!authorized(authorization, token.get())) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                    .body(Map.of("error", "POST /retrain needs 'Authorization: Bearer <token>'"));
        }
        if (!runtime.caughtUp()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error",
                    "the retrainer is still reading its examples and the current release; try again shortly"));
        }
        if (Boolean.TRUE.equals(full)) {
            if (site != null && !site.isBlank()) {
                return HttpResponse.badRequest(Map.of("error", "full=true retrains the base on every site's examples "
                        + "and re-transfers every site's model: leave out site"));
            }
            return HttpResponse.ok(runtime.loop().retrainFromScratch("POST /retrain?full=true").stream()
                    .map(OutcomeView::of).toList());
        }
        if (site != null && !site.isBlank()) {
            return HttpResponse.ok(OutcomeView.of(runtime.loop().retrainNow("POST /retrain", Optional.of(site))));
        }
        return HttpResponse.ok(runtime.loop().retrainAll("POST /retrain", false).stream().map(OutcomeView::of).toList());
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public StatusView status() {
        RetrainingLoop loop = runtime.loop();
        List<RetrainingOutcome> history = loop.history();
        return new StatusView(runtime.config().modelName(), runtime.champion().version(), loop.exampleCount(),
                loop.newSinceLastAttempt(), runtime.config().retrainEvery(), runtime.config().schedule().toString(),
                runtime.caughtUp(), runtime.state().name(), runtime.streamsDead(), failureCounts(runtime),
                runtime.ignored().snapshot(), runtime.feed().undecodableCount(),
                runtime.config().authToken().isPresent(),
                history.isEmpty() ? null : OutcomeView.of(history.get(history.size() - 1)),
                runtime.held().all().size(), runtime.held().all().stream().limit(MAX_HELD_LISTED).map(h ->
                        new StatusView.HeldView(h.labResultId(), h.example().getLotId(), finiteTotal(h),
                                h.reason(), h.detail(), h.heldAt())).toList(), sites(runtime));
    }

    /** Every site with examples or its own model, in the order they came. */
    private static List<SiteView> sites(RetrainerRuntime runtime) {
        Map<String, Champion> own = runtime.champion().siteChampions();
        Map<Optional<String>, RetrainingLoop.SiteCount> counts = runtime.loop().siteCounts();
        Set<String> ids = new LinkedHashSet<>();
        counts.keySet().forEach(s -> s.ifPresent(ids::add));
        ids.addAll(own.keySet());
        return ids.stream().map(id -> {
            RetrainingLoop.SiteCount c = counts.getOrDefault(Optional.of(id), new RetrainingLoop.SiteCount(0, 0));
            return new SiteView(id, runtime.champion().ofSite(id).version(), own.containsKey(id), c.examples(),
                    c.newSinceLastAttempt());
        }).toList();
    }

    private static Double finiteTotal(HeldLabResults.Held h) {
        for (ReeTargetValue v : h.example().getTargets()) {
            if (v.getTarget() == ReeTarget.TOTAL_REE && Double.isFinite(v.getValuePpmMol())) {
                return v.getValuePpmMol();
            }
        }
        return null;
    }

    /**
     * A person accepts a held lab result: its example joins training.examples (and counts towards the next attempt),
     * and it leaves lab.results.held. The same bearer token as {@code POST /retrain}; 404 when nothing of that id is held.
     */
    @Post(uri = "/held/{labResultId}/accept", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> acceptHeld(@PathVariable String labResultId,
                                      @Header("Authorization") @Nullable String authorization) {
        Optional<String> token = runtime.config().authToken();
        if (token.isEmpty()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error",
                    "accepting held lab results is off: set " + RetrainerProperties.AUTH_TOKEN + " (at least 16 characters)"));
        }
        if (!authorized(authorization, token.get())) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                    .body(Map.of("error", "accepting a held lab result needs 'Authorization: Bearer <token>'"));
        }
        return runtime.acceptance().accept(labResultId, "POST /retrain/held")
                .<HttpResponse<?>>map(e -> HttpResponse.ok(Map.of("accepted", labResultId, "lotId", e.getLotId(),
                        "to", Topics.TRAINING_EXAMPLES.name())))
                .orElseGet(() -> HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("error",
                        "no held lab result " + labResultId)));
    }

    private static Map<String, Long> failureCounts(RetrainerRuntime runtime) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("processingErrorsSkipped", runtime.failures().processingErrorsSkipped());
        counts.put("productionErrorsDropped", runtime.failures().productionErrorsDropped());
        counts.put("threadsDied", runtime.failures().threadsDied());
        counts.put("errorStates", runtime.failures().errorStates());
        return counts;
    }

    /** At most this many held results are listed in GET /retrain (heldCount says how many there are). */
    private static final int MAX_HELD_LISTED = 100;

    @Get(uri = "/history", produces = MediaType.APPLICATION_JSON)
    public List<OutcomeView> history() {
        return runtime.loop().history().stream().map(OutcomeView::of).toList();
    }

    /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
    static boolean authorized(String header, String token) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }
}
