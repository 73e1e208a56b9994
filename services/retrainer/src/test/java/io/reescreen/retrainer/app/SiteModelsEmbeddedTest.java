package io.reescreen.retrainer.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.release.ReleaseKey;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.retrainer.testing.ServiceConfig;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sites whose labs read 1.8 × and 0.55 × the synthetic truth, their examples interleaved on training.examples:
 * each site gets its own release on models.releases under {@code name@site}, transferred from the base model, and the
 * base model is not replaced. Light: a small bootstrap, three gate repetitions, the examples written as the join
 * writes them (the join itself is tested elsewhere).
 */
@ExtendWith(EmbeddedStackExtension.class)
class SiteModelsEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration TRAINING = Duration.ofSeconds(240);
    private static final int PER_SITE = 12;

    @Test
    void labResultsFromTwoSitesWithOppositeOffsetsBecomeTwoSiteReleasesAndTheBaseStays(EmbeddedStack stack,
                                                                                       @TempDir Path dir) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String modelName = "sites-model-" + id;
        // Sites of this test alone: the examples other tests left on the shared topic are read too.
        String high = "HIGH-" + id;
        String low = "LOW-" + id;
        Path model = ServiceConfig.bootstrapModel(dir, new BootstrapModel.SyntheticSpecification(120, 2, 20, 42));
        Map<String, Object> config = ServiceConfig.of("retrainer", stack, "sites-retrainer-" + id, dir.resolve("state"),
                model);
        config.put("reescreen.retrainer.model-name", modelName);
        config.put("reescreen.retrainer.retrain-every", PER_SITE);
        config.put("reescreen.retrainer.gate.repetitions", 3);

        Instant now = Instant.now();
        List<TrainingExample> highs = atSite(high, LabFixtures.examples("h-" + id,
                new SyntheticAshGenerator(SyntheticSpec.withSeed(5)).generate(PER_SITE), 1.8, now));
        List<TrainingExample> lows = atSite(low, LabFixtures.examples("l-" + id,
                new SyntheticAshGenerator(SyntheticSpec.withSeed(6)).generate(PER_SITE), 0.55, now));

        try (RetrainerService retrainer = RetrainerService.start(config);
             KafkaProducer<String, TrainingExample> producer = producer(stack)) {
            retrainer.awaitReady(STARTUP);
            String base = retrainer.runtime().champion().version();
            for (int i = 0; i < PER_SITE; i++) {
                for (TrainingExample e : List.of(highs.get(i), lows.get(i))) {
                    producer.send(new ProducerRecord<>(Topics.TRAINING_EXAMPLES.name(), e.getLotId(), e)).get();
                }
            }

            List<RetrainingOutcome> attempts = await().atMost(TRAINING).pollInterval(Duration.ofMillis(500))
                    .until(() -> retrainer.runtime().loop().history().stream()
                            .filter(o -> o.siteId().isPresent()).toList(), l -> l.size() >= 2);
            for (RetrainingOutcome o : attempts) {
                assertEquals(PER_SITE, o.examples(), "each site's own examples: " + o);
                assertEquals(base, o.championVersion(), "each site's first champion is the base");
                assertTrue(o.published(), o.siteId() + ": " + o.decision().reason());
            }
            assertEquals(Set.of(high, low), attempts.stream().map(o -> o.siteId().orElseThrow()).collect(Collectors.toSet()),
                    "one attempt per site, none of the base");

            Map<String, ModelRelease> byKey = new HashMap<>();
            var releases = stack.serdes().valueSerde(ModelRelease.class).deserializer();
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
                byKey.clear();
                LatestRecords.readRecords(stack.bootstrapServers(), Topics.MODEL_RELEASES.name(), r -> {
                    if (r.key() == null || r.value() == null) {
                        return;
                    }
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (key.startsWith(modelName)) {
                        byKey.put(key, releases.deserialize(r.topic(), r.headers(), r.value()));
                    }
                });
                return byKey.size() >= 2;
            });
            ModelRelease highRelease = byKey.get(ReleaseKey.site(modelName, high).toString());
            ModelRelease lowRelease = byKey.get(ReleaseKey.site(modelName, low).toString());
            assertEquals(high, highRelease.getSiteId());
            assertEquals(low, lowRelease.getSiteId());
            assertEquals(base, highRelease.getParentVersion(), "transferred from the base");
            assertEquals(base, lowRelease.getParentVersion());
            assertFalse(byKey.containsKey(ReleaseKey.base(modelName).toString()), "nothing replaced the base: "
                    + byKey.keySet());
            assertEquals(base, retrainer.runtime().champion().version(), "the base model is still every other site's");
            assertEquals(highRelease.getVersion(), retrainer.runtime().champion().ofSite(high).version());
            assertEquals(lowRelease.getVersion(), retrainer.runtime().champion().ofSite(low).version());
        }
    }

    private static List<TrainingExample> atSite(String site, List<TrainingExample> examples) {
        List<TrainingExample> out = new ArrayList<>();
        for (TrainingExample e : examples) {
            out.add(TrainingExample.newBuilder(e).setSiteId(site).build());
        }
        return out;
    }

    private static KafkaProducer<String, TrainingExample> producer(EmbeddedStack stack) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(),
                stack.serdes().valueSerde(TrainingExample.class).serializer());
    }
}
