package io.reescreen.screener.http;

import io.micronaut.context.annotation.Requires;
import io.reescreen.screener.app.ScreenerProperties;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.reescreen.screener.app.ScreenerRuntime;
import io.reescreen.streams.StreamsWatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@code GET /model}: the model in force, its metrics and training summary, since when, and release counts. 503 (with
 * {@code Retry-After}) while the streams are not RUNNING or REBALANCING, and while the global models.served store is
 * still being restored at start (the streams are REBALANCING then already): before it is loaded the model in force is
 * the bootstrap, not necessarily the served release; after they stopped the instance serves nothing.
 */
@Requires(property = ScreenerProperties.SERVICE, value = ScreenerProperties.STREAM_NAME,
        defaultValue = ScreenerProperties.STREAM_NAME)
@Controller("/model")
public class ModelController {

    private final ModelDescriber describer;
    private final ScreenerRuntime runtime;

    public ModelController(ModelDescriber describer, ScreenerRuntime runtime) {
        this.describer = describer;
        this.runtime = runtime;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> model() {
        KafkaStreams.State state = runtime.state();
        if (!state.isRunningOrRebalancing()) {
            return LotLookup.unavailable(runtime.watch().failure().map(StreamsWatch.Failure::what)
                    .orElse("the screener streams are " + state + ", not running"), state);
        }
        if (!runtime.releasesLoaded()) {
            return LotLookup.unavailable("the screener streams are starting: models.served is not loaded yet, the "
                    + "model in force is not settled", state);
        }
        try {
            return HttpResponse.ok(describer.describe());
        } catch (IllegalStateException | InvalidStateStoreException e) {
            // The streams stopped between the check and the store query.
            return LotLookup.unavailable("the screener streams are " + runtime.state() + ": " + e.getMessage(),
                    runtime.state());
        }
    }
}
