package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker started again over the log directory it wrote keeps its cluster, topics and records. */
class EmbeddedKafkaBrokerRestartTest {

    @TempDir
    Path workDir;

    @Test
    void aBrokerRestartedOverItsOwnLogDirectoryKeepsItsTopicsAndRecords() throws Exception {
        Path logDir = workDir.resolve("kafka");
        assertFalse(EmbeddedKafkaBroker.isFormatted(logDir));
        String clusterId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0)) {
            assertTrue(EmbeddedKafkaBroker.isFormatted(logDir), "no meta.properties after the first start");
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
                clusterId = admin.describeCluster().clusterId().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "lot-1", "before the restart")).get();
            }
        }
        String metaProperties = Files.readString(logDir.resolve("meta.properties"));

        // A new port, as after a reboot: only the data must be the same.
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(logDir, 0)) {
            assertEquals(metaProperties, Files.readString(logDir.resolve("meta.properties")), "log directory reformatted");
            try (Admin admin = admin(again)) {
                assertEquals(clusterId, admin.describeCluster().clusterId().get());
                assertTrue(admin.listTopics().names().get().contains("kept"));
            }
            assertEquals(List.of("before the restart"), readAll(again, "kept"));
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static List<String> readAll(EmbeddedKafkaBroker broker, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "restart-test"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
