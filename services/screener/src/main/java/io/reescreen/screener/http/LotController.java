package io.reescreen.screener.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /lots/{lotId}}: the lot's latest composition, prediction and verdict, through Kafka Streams interactive
 * queries; a lot held by another instance is fetched from it. 404 for a lot the screener never saw, 503 (with
 * {@code Retry-After}) while the streams are not RUNNING or the lot's partition is moving.
 */
@Requires(beans = ServedStreams.class)
@Controller("/lots")
public class LotController {

    private final LotLookup lookup;

    public LotController(LotLookup lookup) {
        this.lookup = lookup;
    }

    @Get(uri = "/{lotId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> lot(@PathVariable String lotId,
                               @Nullable @Header(LotLookup.FORWARDED_HEADER) String forwardedBy) {
        return lookup.lookup(lotId, forwardedBy != null);
    }
}
