package io.reescreen.screener.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.reescreen.streams.StreamsWatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@code GET /model}: the model in force, its metrics and training summary, since when, and release counts. 503 (with
 * {@code Retry-After}) while the streams are not RUNNING or REBALANCING, and while the global models.served store is
 * still being restored at start (the streams are REBALANCING then already): before it is loaded the model in force is
 * the bootstrap, not necessarily the served release; after they stopped the instance serves nothing.
 */
@Requires(beans = ServedStreams.class)
@Controller("/model")
public class ModelController {

    private final ModelDescriber describer;
    private final ServedStreams served;

    public ModelController(ModelDescriber describer, ServedStreams served) {
        this.describer = describer;
        this.served = served;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> model() {
        KafkaStreams.State state = served.streams().state();
        if (!state.isRunningOrRebalancing()) {
            return LotLookup.unavailable(served.watch().failure().map(StreamsWatch.Failure::what)
                    .orElse("the screener streams are " + state + ", not running"), state);
        }
        if (!served.releasesLoaded()) {
            return LotLookup.unavailable("the screener streams are starting: models.served is not loaded yet, the "
                    + "model in force is not settled", state);
        }
        try {
            return HttpResponse.ok(describer.describe());
        } catch (IllegalStateException | InvalidStateStoreException e) {
            // The streams stopped between the check and the store query.
            KafkaStreams.State now = served.streams().state();
            return LotLookup.unavailable("the screener streams are " + now + ": " + e.getMessage(), now);
        }
    }
}
