package io.reescreen.screener.http;

import io.reescreen.streams.StreamsWatch;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the HTTP API reads of the screener's running streams: only this, so that it need not know the service around
 * them (the app's runtime implements it; the controllers exist only where it does).
 */
public interface ServedStreams {

    /** The screener's KafkaStreams, for its state and its stores. */
    KafkaStreams streams();

    /** This instance's {@code application.server}, if it has one. */
    Optional<HostInfo> self();

    /** Whether the streams stopped for good, and why. */
    StreamsWatch watch();

    /** Whether the global models.served store is restored and its release loaded (the model in force is settled). */
    boolean releasesLoaded();
}
