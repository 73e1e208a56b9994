package io.reescreen.screener.app;

import io.micronaut.context.annotation.Requires;
import io.reescreen.streams.OnlyOwnStream;
import jakarta.inject.Singleton;

/**
 * Disables every stream builder but the screener's ({@code kafka.streams.screener.*}): the unused {@code default} one
 * and any other service's whose configuration is on the same classpath (the retrainer's, in the demo).
 */
@Requires(property = ScreenerProperties.SERVICE, value = ScreenerProperties.STREAM_NAME,
        defaultValue = ScreenerProperties.STREAM_NAME)
@Singleton
public class UnusedDefaultStream extends OnlyOwnStream {

    public UnusedDefaultStream() {
        super(ScreenerProperties.STREAM_NAME);
    }
}
