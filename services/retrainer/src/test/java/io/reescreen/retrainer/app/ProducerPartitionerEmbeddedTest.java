package io.reescreen.retrainer.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.retrainer.examples.ExampleStores;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.retrainer.testing.ServiceConfig;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 3 of issue 10, the retrainer's side, on the embedded broker and registry: outside labs and lot-metadata
 * producers whose partitioner is not Java's default (here one that puts a lot's lab results and its metadata on two
 * different partitions, neither of them murmur2's, where the screener's lot.compositions are) still get every lab
 * result joined into a training example, with the lot's site and the lab result's position on lab.results, whether
 * the result comes before or after its composition; none is dead-lettered.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ProducerPartitionerEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final int LOTS = 6;

    /** Never the partition Java's default would choose, and a lot's lab results never where its metadata is. */
    public static final class ContraryPartitioner implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
            int n = cluster.partitionCountForTopic(topic);
            return (murmur2(keyBytes, n) + (Topics.LOTS.name().equals(topic) ? 1 : 2)) % n;
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void labResultsAndLotsOnOtherPartitionsThanJavasStillBecomeTrainingExamples(EmbeddedStack stack, @TempDir Path dir)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path model = ServiceConfig.bootstrapModel(dir, new BootstrapModel.SyntheticSpecification(120, 2, 20, 42));
        Map<String, Object> config = ServiceConfig.of("retrainer", stack, "it-retrainer-partitioner-" + id,
                dir.resolve("state"), model);
        config.put("kafka.streams.retrainer.commit.interval.ms", 200);
        config.put("reescreen.retrainer.retrain-every", 1000);

        var lotInfos = stack.serdes().valueSerde(LotInfo.class).serializer();
        var compositions = stack.serdes().valueSerde(LotComposition.class).serializer();
        var labs = stack.serdes().valueSerde(LabResult.class).serializer();
        Map<String, String> siteByLot = new LinkedHashMap<>();
        for (int l = 0; l < LOTS; l++) {
            siteByLot.put("PT-" + id + "-L" + l, "YARD-" + (char) ('A' + l % 3));
        }
        List<String> lots = new ArrayList<>(siteByLot.keySet());
        List<String> compositionFirst = lots.subList(0, LOTS / 2);
        List<String> labResultFirst = lots.subList(LOTS / 2, LOTS);

        try (RetrainerService retrainer = RetrainerService.start(config);
             KafkaProducer<String, byte[]> outside = producer(stack, ContraryPartitioner.class);
             KafkaProducer<String, byte[]> screener = producer(stack, null)) {
            retrainer.awaitReady(STARTUP);

            Map<String, Integer> lotPartition = new HashMap<>();
            for (Map.Entry<String, String> lot : siteByLot.entrySet()) {
                lotPartition.put(lot.getKey(), outside.send(new ProducerRecord<>(Topics.LOTS.name(), lot.getKey(),
                        lotInfos.serialize(Topics.LOTS.name(), LabFixtures.lot(lot.getKey(), lot.getValue())))).get()
                        .partition());
            }
            // The metadata first, so that no lab result can be judged before its lot is known.
            await().atMost(PROCESSING).ignoreExceptions().until(() -> lots.stream().allMatch(lot -> store(retrainer, ExampleStores.LOT_INFO)
                    .get(lot) != null));
            for (String lot : compositionFirst) {
                sendComposition(screener, compositions, lot);
            }
            await().atMost(PROCESSING).ignoreExceptions().until(() -> compositionFirst.stream()
                    .allMatch(lot -> store(retrainer, ExampleStores.COMPOSITIONS).get(lot) != null));

            Map<String, RecordMetadata> labResultAt = new HashMap<>();
            for (String lot : lots) {
                labResultAt.put("LAB-" + lot, outside.send(new ProducerRecord<>(Topics.LAB_RESULTS.name(), lot,
                        labs.serialize(Topics.LAB_RESULTS.name(), LabFixtures.labInPpmMol("LAB-" + lot, lot).build())))
                        .get());
            }
            await().atMost(PROCESSING).ignoreExceptions().until(() -> labResultFirst.stream().allMatch(lot ->
                    store(retrainer, ExampleStores.WAITING).get(lot + '\u0000' + "LAB-" + lot) != null));
            for (String lot : labResultFirst) {
                sendComposition(screener, compositions, lot);
            }

            int partitions = outside.partitionsFor(Topics.LAB_RESULTS.name()).size();
            for (String lot : lots) {
                int murmur2 = murmur2(lot.getBytes(StandardCharsets.UTF_8), partitions);
                int labPartition = labResultAt.get("LAB-" + lot).partition();
                assertNotEquals(murmur2, labPartition, "the lab result is not where Java's partitioner puts " + lot);
                assertNotEquals(murmur2, lotPartition.get(lot).intValue(), "nor is the lot's metadata");
                assertNotEquals(labPartition, lotPartition.get(lot).intValue(), "and they are apart: " + lot);
            }

            var examples = stack.serdes().valueSerde(TrainingExample.class).deserializer();
            Map<String, TrainingExample> byLabResult = new HashMap<>();
            await().atMost(PROCESSING).pollInterval(Duration.ofSeconds(1)).until(() -> {
                byLabResult.clear();
                LatestRecords.readRecords(stack.bootstrapServers(), Topics.TRAINING_EXAMPLES.name(), r -> {
                    TrainingExample e = examples.deserialize(r.topic(), r.headers(), r.value());
                    if (e.getLotId().startsWith("PT-" + id)) {
                        byLabResult.put(e.getLabResultId(), e);
                    }
                });
                return byLabResult.size() == LOTS;
            });
            for (String lot : lots) {
                TrainingExample e = byLabResult.get("LAB-" + lot);
                assertEquals(lot, e.getLotId());
                assertEquals(siteByLot.get(lot), e.getSiteId(), "the site from the lot's metadata, on another partition");
                assertEquals(5, e.getShotCount());
                RecordMetadata at = labResultAt.get("LAB-" + lot);
                assertEquals(at.partition(), e.getLabResultPartition(), "lineage: the partition on lab.results");
                assertEquals(at.offset(), e.getLabResultOffset(), "lineage: the offset on lab.results");
            }
            List<String> deadLettered = new ArrayList<>();
            LatestRecords.readRecords(stack.bootstrapServers(), Topics.LAB_RESULTS_DLQ.name(), r -> {
                if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith("PT-" + id)) {
                    deadLettered.add(DlqHeaders.text(r.headers(), DlqHeaders.REASON));
                }
            });
            assertEquals(List.of(), deadLettered, "no lab result of these lots is dead-lettered");
            assertEquals(0, retrainer.runtime().ignored().total(Topics.LOTS.name()), "no lots record passed over");
            assertEquals(KafkaStreams.State.RUNNING, retrainer.runtime().state());
        }
    }

    private static void sendComposition(KafkaProducer<String, byte[]> screener,
                                        org.apache.kafka.common.serialization.Serializer<LotComposition> compositions,
                                        String lot) throws Exception {
        screener.send(new ProducerRecord<>(Topics.LOT_COMPOSITIONS.name(), lot,
                compositions.serialize(Topics.LOT_COMPOSITIONS.name(), LabFixtures.composition(lot, 5)))).get();
    }

    /** Java's default placement of a keyed record, as Kafka Streams places lot.compositions. */
    private static int murmur2(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedStack stack, Class<? extends Partitioner> partitioner) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        if (partitioner != null) {
            config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, partitioner);
        }
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(RetrainerService retrainer, String name) {
        return retrainer.runtime().streams().store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.keyValueStore()));
    }
}
