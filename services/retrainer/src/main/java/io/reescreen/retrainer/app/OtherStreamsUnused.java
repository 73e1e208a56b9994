package io.reescreen.retrainer.app;

import io.micronaut.context.annotation.Requires;
import io.reescreen.streams.OnlyOwnStream;
import jakarta.inject.Singleton;

/**
 * Disables every stream builder but the retrainer's: {@code default} and the screener's, where its
 * application.properties shares the classpath.
 */
@Singleton
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class OtherStreamsUnused extends OnlyOwnStream {

    public OtherStreamsUnused() {
        super(RetrainerProperties.STREAM_NAME);
    }
}
