package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces Avro XrfReadings through the registry serde into xrf.readings and consumes them back; every
 * reading must come back exactly once and equal. Runs against whatever broker it is given.
 */
final class XrfRoundTripScenario {

    private static final int LOTS = 5;
    private static final int SHOTS_PER_LOT = 20;

    private XrfRoundTripScenario() {
    }

    static void run(String bootstrapServers, RegistrySerdes serdes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new TopicProvisioner(admin, (short) 1).ensure(List.of(Topics.XRF_READINGS));
        }
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Map<String, XrfReading> sent = new LinkedHashMap<>();
        for (int lot = 0; lot < LOTS; lot++) {
            for (int shot = 0; shot < SHOTS_PER_LOT; shot++) {
                XrfReading reading = SampleReadings.oxideShot("lot-" + runId + "-" + lot, shot);
                sent.put(reading.getReadingId(), reading);
            }
        }

        Serde<XrfReading> serde = serdes.valueSerde(XrfReading.class);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, XrfReading> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), serde.serializer())) {
            for (XrfReading reading : sent.values()) {
                producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), reading.getLotId(), reading));
            }
            producer.flush();
        }

        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + runId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<XrfReading> received = new ArrayList<>();
        try (KafkaConsumer<String, XrfReading> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(Topics.XRF_READINGS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, XrfReading> record : consumer.poll(Duration.ofMillis(500))) {
                    // The topic may hold other runs' readings; ours carry this run's id.
                    if (record.value().getLotId().startsWith("lot-" + runId)) {
                        assertEquals(record.value().getLotId(), record.key(), "key is the lot id");
                        received.add(record.value());
                    }
                }
            }
        }

        assertEquals(sent.size(), received.size(), "every reading comes back exactly once");
        for (XrfReading reading : received) {
            assertEquals(sent.get(reading.getReadingId()), reading, "reading " + reading.getReadingId());
        }
    }
}
