package io.reescreen.screener.health;

import io.reescreen.streams.StreamsWatch;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the health indicators read of the screener's running streams: only this, so that they need not know the
 * service around them (the app's runtime implements it; the indicators exist only where it does).
 */
public interface StreamsStatus {

    KafkaStreams.State state();

    /** Whether the streams stopped for good, and why. */
    StreamsWatch watch();

    /** The Kafka Streams configuration the streams run with (a copy). */
    Properties streamsConfig();
}
