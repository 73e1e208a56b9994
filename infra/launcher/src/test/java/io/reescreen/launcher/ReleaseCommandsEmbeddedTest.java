package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.replay.ReleaseHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code model promote} and {@code model rollback} against the embedded broker and registry. */
@ExtendWith(EmbeddedStackExtension.class)
class ReleaseCommandsEmbeddedTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void promoteAndRollbackRepublishEarlierReleasesAndFinallyATombstone(EmbeddedStack stack) throws Exception {
        String name = "cmd-model-" + UUID.randomUUID().toString().substring(0, 8);
        Serializer<ModelRelease> values = stack.serdes().valueSerde(ModelRelease.class).serializer();
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), name, release(name, "v1", "bootstrap-synthetic-x"))).get();
            producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), name, release(name, "v2", "v1"))).get();
        }
        String[] cluster = {"--model-name", name, "--bootstrap-servers", stack.bootstrapServers(), "--registry-url",
                stack.registryUrl()};

        assertEquals(0, run(concat(new String[] {"model", "promote", "v1"}, cluster)), err.toString());
        assertTrue(out.toString().contains("promoted v1 over v2"), out.toString());
        ModelRelease promoted = history(stack, name).get(2).orElseThrow();
        assertEquals(ReleaseAction.PROMOTE, promoted.getAction());
        assertEquals("v1", promoted.getVersion());

        assertEquals(0, run(concat(new String[] {"model", "rollback"}, cluster)), err.toString());
        ModelRelease rolledBack = history(stack, name).get(3).orElseThrow();
        assertEquals(ReleaseAction.ROLLBACK, rolledBack.getAction());
        assertEquals("v2", rolledBack.getVersion(), "back to what v1's promotion replaced");

        assertEquals(0, run(concat(new String[] {"model", "rollback"}, cluster)), err.toString());
        assertEquals("v1", history(stack, name).get(4).orElseThrow().getVersion());
        assertEquals(0, run(concat(new String[] {"model", "rollback"}, cluster)), err.toString());
        assertEquals(Optional.empty(), history(stack, name).get(5), "v1's parent is a bootstrap model: a tombstone");
        assertTrue(out.toString().contains("the bootstrap model (tombstone published)"), out.toString());

        assertEquals(2, run(concat(new String[] {"model", "rollback"}, cluster)), "nothing left to roll back");
        assertEquals(2, run(concat(new String[] {"model", "promote", "v9"}, cluster)), "an unknown version");
    }

    private List<Optional<ModelRelease>> history(EmbeddedStack stack, String name) {
        return ReleaseHistory.read(stack.bootstrapServers(), stack.serdes().valueSerde(ModelRelease.class).deserializer(),
                name, Duration.ofSeconds(30));
    }

    private int run(String... args) {
        return Reescreen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static ModelRelease release(String name, String version, String parent) {
        return ModelRelease.newBuilder().setModelName(name).setVersion(version).setParentVersion(parent)
                .setAction(ReleaseAction.PUBLISH).setCreatedAt(Instant.parse("2025-06-01T00:00:00Z")).setFeatures(List.of())
                .setMetrics(List.of()).setTrainingSettings(Map.of()).setLineage(List.of()).setArtifactFormatVersion(2)
                .setArtifact(ByteBuffer.wrap(version.getBytes(StandardCharsets.UTF_8))).setArtifactSha256("sha-" + version)
                .build();
    }
}
