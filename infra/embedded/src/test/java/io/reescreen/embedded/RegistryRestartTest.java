package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The registry keeps its schemas in a Kafka topic (KafkaSQL), so a restart keeps every id that producers have cached
 * and every per-topic rule. With in-memory storage (the old default) the restarted registry knew no id at all.
 * Its own stack: a restart would disturb the shared one.
 */
class RegistryRestartTest {

    @Test
    void aRestartedRegistryKnowsEverySchemaUnderItsOldIdAndKeepsThePerTopicRules() throws Exception {
        // -Dreescreen.keepWorkDir=true keeps the folder, with the registry's log (start-up timings), for a look.
        java.nio.file.Path work = java.nio.file.Files.createTempDirectory("reescreen-registry-restart-");
        try (EmbeddedStack stack = EmbeddedStack.start(work, !Boolean.getBoolean("reescreen.keepWorkDir"), 0, 0, Topics.ALL)) {
            assertTrue(stack.registry().storage().durable());
            System.out.printf("embedded stack up in %d ms (registry, KafkaSQL storage: %d ms)%n",
                    stack.startupTime().toMillis(), stack.registry().startupTime().toMillis());
            ConfluentCompatClient before = new ConfluentCompatClient(stack.registry().confluentCompatibleUrl());
            String composition = LotComposition.getClassSchema().toString();
            String prediction = ReePrediction.getClassSchema().toString();
            int compositionId = before.register(Topics.LOT_COMPOSITIONS.valueSubject(), composition).json().get("id").asInt();
            int predictionId = before.register(Topics.REE_PREDICTIONS.valueSubject(), prediction).json().get("id").asInt();

            Duration restart = stack.restartRegistry(Duration.ofMillis(500));
            System.out.printf("registry restarted (KafkaSQL journal replayed) and ready in %d ms%n", restart.toMillis());

            ConfluentCompatClient after = new ConfluentCompatClient(stack.registry().confluentCompatibleUrl());
            assertEquals(LotComposition.getClassSchema(), parse(after.schemaById(compositionId)));
            assertEquals(ReePrediction.getClassSchema(), parse(after.schemaById(predictionId)));
            assertEquals(compositionId, after.register(Topics.LOT_COMPOSITIONS.valueSubject(), composition).json().get("id").asInt(),
                    "the same schema keeps its id");
            assertEquals("FULL_TRANSITIVE", after.config(Topics.XRF_READINGS.valueSubject()).json().get("compatibilityLevel").asText());
            int newId = after.register("restart-probe-value", "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[]}")
                    .json().get("id").asInt();
            assertTrue(!Set.of(compositionId, predictionId).contains(newId), "a new schema gets a new id, got " + newId);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                ConfigResource journal = new ConfigResource(ConfigResource.Type.TOPIC, RegistryStorage.JOURNAL_TOPIC);
                Config config = admin.describeConfigs(java.util.List.of(journal)).all().get().get(journal);
                System.out.printf("journal topic %s: cleanup.policy=%s retention.ms=%s retention.bytes=%s%n", journal.name(),
                        config.get("cleanup.policy").value(), config.get("retention.ms").value(), config.get("retention.bytes").value());
                assertEquals("-1", config.get("retention.ms").value(), "the journal must never expire");
            }
        }
    }

    private static org.apache.avro.Schema parse(ConfluentCompatClient.Response response) {
        assertEquals(200, response.status(), response.body());
        return new org.apache.avro.Schema.Parser().parse(response.json().get("schema").asText());
    }
}
