package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.embedded.security.StackSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/** A broker started again over the log directory it wrote keeps its cluster, topics and records, secured or not. */
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

    @Test
    void aBrokerFirstServedOpenIsServedSecuredOverItsLogDirectoryWithItsRecordsAndTheStacksScramUser() throws Exception {
        Path logDir = workDir.resolve("kafka-then-secured");
        try (EmbeddedKafkaBroker open = EmbeddedKafkaBroker.start(logDir, 0)) {
            try (Admin admin = admin(open)) {
                admin.createTopics(List.of(new NewTopic("kept-open", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, open.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept-open", "lot-1", "written in the open")).get();
            }
        }

        // No SCRAM user was formatted into this directory: the secured start must set it.
        StackSecurity security = StackSecurity.prepare(workDir.resolve("security"));
        try (EmbeddedKafkaBroker secured = EmbeddedKafkaBroker.startSecured(logDir, 0, security)) {
            Map<String, Object> scram = new HashMap<>(security.saslSslClient(SaslMechanism.SCRAM_SHA_512));
            scram.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, secured.bootstrapServers());
            assertEquals(List.of("written in the open"), readAll(scram, "kept-open"));
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static List<String> readAll(EmbeddedKafkaBroker broker, String topic) {
        return readAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), topic);
    }

    private static List<String> readAll(Map<String, Object> client, String topic) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-test");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), new StringDeserializer())) {
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
