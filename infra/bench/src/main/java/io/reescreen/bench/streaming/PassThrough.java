package io.reescreen.bench.streaming;

import io.reescreen.schemas.XrfReading;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The ceiling: a Kafka Streams application that deserializes each XrfReading with the registry serde and writes it
 * back serialized, nothing else; exactly_once_v2 and the screener's commit interval and thread count.
 */
final class PassThrough {

    private PassThrough() {
    }

    static KafkaStreams start(String bootstrapServers, String applicationId, Path stateDir, String in, String out,
                              Serde<XrfReading> serde, long commitIntervalMs, int threads) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.ByteArray(), serde))
                .to(out, Produced.with(Serdes.ByteArray(), serde));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        KafkaStreams streams = new KafkaStreams(builder.build(), p);
        streams.start();
        return streams;
    }
}
