package io.reescreen.screener.http;

import io.micronaut.context.annotation.Requires;
import io.reescreen.screener.app.ScreenerProperties;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /model}: the model in force, its metrics and training summary, since when, and release counts. */
@Requires(property = ScreenerProperties.SERVICE, value = ScreenerProperties.STREAM_NAME,
        defaultValue = ScreenerProperties.STREAM_NAME)
@Controller("/model")
public class ModelController {

    private final ModelDescriber describer;

    public ModelController(ModelDescriber describer) {
        this.describer = describer;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ModelView model() {
        return describer.describe();
    }
}
