package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the screener must give for lots and readings whatever client produced them: every lot answers GET /lots on
 * every instance, with its metadata and a composition of all its readings on its site, and no reading of those lots
 * is dead-lettered.
 */
final class EveryLotFound {

    private EveryLotFound() {
    }

    /** @return per lot, the instance that served it */
    static Map<String, String> verify(List<ScreenerService> instances, Map<String, String> siteByLot,
                                      int readingsPerLot, Duration timeout) {
        Map<String, String> servedBy = new TreeMap<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String lot : siteByLot.keySet()) {
                for (ScreenerService asked : instances) {
                    Http.Answer answer = Http.get(asked.uri(), "lots/" + lot);
                    assertEquals(200, answer.status(), lot + ": " + answer.body());
                    JsonNode view = answer.json();
                    assertEquals(siteByLot.get(lot), view.path("lotInfo").path("siteId").asText(), answer.body());
                    assertEquals(readingsPerLot, view.path("composition").path("shotCount").asInt(), answer.body());
                    assertEquals(siteByLot.get(lot), view.path("composition").path("siteId").asText(), answer.body());
                    servedBy.put(lot, view.path("servedBy").asText());
                }
            }
        });
        return servedBy;
    }

    /** Reads xrf.readings.dlq to its end (read_committed): not one record of {@code lots} may be there. */
    static void assertNoReadingDeadLettered(EmbeddedStack stack, Set<String> lots) {
        List<String> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.XRF_READINGS_DLQ.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(System.nanoTime() < deadline, "xrf.readings.dlq could not be read to its end");
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && lots.contains(new String(r.key(), StandardCharsets.UTF_8))) {
                        dead.add(DlqHeaders.text(r.headers(), DlqHeaders.REASON) + ": "
                                + DlqHeaders.text(r.headers(), DlqHeaders.DETAIL));
                    }
                }
            }
        }
        assertEquals(List.of(), dead, "no reading of these lots is dead-lettered");
    }
}
