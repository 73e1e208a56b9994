package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LabMethod;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.testing.Readings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 3 of issue 10 on the embedded broker: producers whose partitioner is not Java's default (here one that puts a
 * lot's metadata and its readings on two different partitions, neither of them murmur2's) get the same results as
 * any other: every reading is aggregated with its lot's metadata, none is dead-lettered as UNKNOWN_LOT, and GET
 * /lots finds every lot on either of two instances (served by the instance Kafka Streams says holds it). Bad lots
 * records go to lots.dlq with their reason; an older update does not replace a newer one (the lot keeps its site).
 */
@ExtendWith(EmbeddedStackExtension.class)
class ProducerPartitionerEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration PROCESSING = Duration.ofSeconds(60);
    static final int READINGS_PER_LOT = 3;

    /** Never the partition Java's default would choose, and a lot's readings never where its metadata is. */
    public static final class ContraryPartitioner implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
            int n = cluster.partitionCountForTopic(topic);
            int murmur2 = Utils.toPositive(Utils.murmur2(keyBytes)) % n;
            return (murmur2 + (Topics.LOTS.name().equals(topic) ? 1 : 2)) % n;
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void lotsAndReadingsOnOtherPartitionsThanJavasGiveTheSameResults(EmbeddedStack stack, @TempDir Path stateA,
                                                                    @TempDir Path stateB) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "it-partitioner-" + id;
        Map<String, Object> configA = config(stack, applicationId, stateA, id);
        Map<String, Object> configB = config(stack, applicationId, stateB, id);
        try (ScreenerService a = ScreenerService.start(configA)) {
            a.awaitRunning(STARTUP);
            try (ScreenerService b = ScreenerService.start(configB)) {
                b.awaitRunning(STARTUP);
                await().atMost(STARTUP).until(() -> a.streamsState() == KafkaStreams.State.RUNNING
                        && b.streamsState() == KafkaStreams.State.RUNNING
                        && hasActiveTasks(a.streams()) && hasActiveTasks(b.streams()));

                // Lots on every instance that holds lot partitions (Kafka Streams may give them all to one).
                Set<String> holders = a.streams().streamsMetadataForStore(StoreNames.LOT_AGGREGATES).stream()
                        .map(m -> m.hostInfo().host() + ":" + m.hostInfo().port()).collect(Collectors.toSet());
                Map<String, String> siteByLot = new LinkedHashMap<>();
                Set<String> owners = new HashSet<>();
                for (int l = 0; l < 8 || !owners.equals(holders); l++) {
                    assertTrue(l < 200, "no lot ids cover the instances " + holders + ": " + owners);
                    String lot = "PT-" + id + "-L" + l;
                    siteByLot.put(lot, "YARD-" + (char) ('A' + l % 3));
                    owners.add(owner(a.streams(), lot));
                }
                var lotSerializer = stack.serdes().valueSerde(LotInfo.class).serializer();
                var readingSerializer = stack.serdes().valueSerde(XrfReading.class).serializer();
                Map<String, Integer> partitions = new HashMap<>();
                try (KafkaProducer<String, byte[]> producer = contraryProducer(stack)) {
                    for (Map.Entry<String, String> lot : siteByLot.entrySet()) {
                        LotInfo info = LotInfo.newBuilder().setLotId(lot.getKey()).setSiteId(lot.getValue())
                                .setAshOrigin(AshOrigin.FLY_ASH).setUpdatedAt(Instant.now()).build();
                        RecordMetadata m = producer.send(new ProducerRecord<>(Topics.LOTS.name(), lot.getKey(),
                                lotSerializer.serialize(Topics.LOTS.name(), info))).get();
                        partitions.put("lot " + lot.getKey(), m.partition());
                    }
                    // Bad lot metadata, beside the good: an older update of a lot (after the newer one, on the same
                    // partition), a 64 KB site id, another record type under its own schema id, and garbage.
                    String first = siteByLot.keySet().iterator().next();
                    producer.send(new ProducerRecord<>(Topics.LOTS.name(), first, lotSerializer.serialize(
                            Topics.LOTS.name(), LotInfo.newBuilder().setLotId(first).setSiteId("YARD-OLD")
                                    .setUpdatedAt(Instant.now().minusSeconds(3600)).build()))).get();
                    String huge = "PT-" + id + "-HUGE";
                    producer.send(new ProducerRecord<>(Topics.LOTS.name(), huge, lotSerializer.serialize(
                            Topics.LOTS.name(), LotInfo.newBuilder().setLotId(huge).setSiteId("S".repeat(64 * 1024))
                                    .setUpdatedAt(Instant.now()).build()))).get();
                    LabResult labResult = LabResult.newBuilder().setLabResultId("lab-" + id).setLotId("PT-" + id + "-L0")
                            .setLabId("LAB-1").setMethod(LabMethod.ICP_MS).setReportedAt(Instant.now())
                            .setMaterialBasis(MaterialBasis.ASH).setValues(List.of()).build();
                    producer.send(new ProducerRecord<>(Topics.LOTS.name(), "PT-" + id + "-L0", stack.serdes()
                            .valueSerde(LabResult.class).serializer().serialize(Topics.LAB_RESULTS.name(), labResult))).get();
                    producer.send(new ProducerRecord<>(Topics.LOTS.name(), "PT-" + id + "-L1",
                            "{\"lotId\":\"not avro\"}".getBytes(StandardCharsets.UTF_8))).get();

                    // The metadata first, so that no reading can be screened before its lot's metadata is held.
                    await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                        for (String lot : siteByLot.keySet()) {
                            Http.Answer answer = Http.get(a.uri(), "lots/" + lot);
                            assertEquals(200, answer.status(), lot + ": " + answer.body());
                        }
                    });

                    for (String lot : siteByLot.keySet()) {
                        for (int r = 0; r < READINGS_PER_LOT; r++) {
                            XrfReading reading = Readings.oxides(lot, lot + "-R" + r, Readings.typicalWtPct()).build();
                            RecordMetadata m = producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), lot,
                                    readingSerializer.serialize(Topics.XRF_READINGS.name(), reading))).get();
                            partitions.put("reading " + lot, m.partition());
                        }
                    }
                }
                for (String lot : siteByLot.keySet()) {
                    assertTrue(!partitions.get("lot " + lot).equals(partitions.get("reading " + lot)),
                            "the producer split the lot across partitions: " + partitions);
                }

                Map<String, String> servedBy = EveryLotFound.verify(List.of(a, b), siteByLot, READINGS_PER_LOT, PROCESSING);
                // Each instance answered for every lot; the one that holds it served it.
                for (Map.Entry<String, String> served : servedBy.entrySet()) {
                    assertEquals(owner(a.streams(), served.getKey()), served.getValue(), served.getKey());
                }
                assertEquals(holders, Set.copyOf(servedBy.values()), servedBy.toString());
                EveryLotFound.assertNoReadingDeadLettered(stack, siteByLot.keySet());

                List<ConsumerRecord<byte[], byte[]>> deadLots = TopicReader.read(stack.bootstrapServers(),
                        Topics.LOTS_DLQ.name(), r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8)
                                .startsWith("PT-" + id), 4, PROCESSING);
                List<String> reasons = deadLots.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8) + " "
                        + DlqHeaders.text(r.headers(), DlqHeaders.REASON)).sorted().toList();
                assertEquals(List.of("PT-" + id + "-HUGE ID_TOO_LONG", "PT-" + id + "-L0 STALE", "PT-" + id + "-L0 WRONG_TYPE",
                                "PT-" + id + "-L1 UNDECODABLE"), reasons,
                        deadLots.stream().map(r -> DlqHeaders.text(r.headers(), DlqHeaders.DETAIL)).toList().toString());
                for (ConsumerRecord<byte[], byte[]> dead : deadLots) {
                    assertEquals(Topics.LOTS.name(), DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_TOPIC));
                }
            }
        }
    }

    static Map<String, Object> config(EmbeddedStack stack, String applicationId, Path state, String id) {
        Map<String, Object> config = ScreenerServiceEmbeddedTest.config(stack, applicationId, state, "it-model-" + id);
        config.put("reescreen.screener.require-lot-info", "true"); // a reading that misses its lot is UNKNOWN_LOT
        config.put("reescreen.screener.stores.persistent", "false");
        return config;
    }

    private static KafkaProducer<String, byte[]> contraryProducer(EmbeddedStack stack) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ContraryPartitioner.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static String owner(KafkaStreams streams, String lotId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(StoreNames.LOT_AGGREGATES, lotId,
                Serdes.String().serializer());
        return metadata.activeHost().host() + ":" + metadata.activeHost().port();
    }

    private static boolean hasActiveTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }
}
