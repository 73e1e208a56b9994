package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real non-Java client: {@code infra/outside-clients/produce_lots_and_readings.py} (librdkafka through
 * confluent-kafka, its default consistent_random partitioner, Confluent framing with ids from the registry's
 * Confluent-compatible API) produces lot metadata and readings; the screener must give the results a Java producer
 * gets. Skipped, saying why, where no python3 has the confluent_kafka and avro modules (Debian:
 * {@code apt-get install python3-confluent-kafka python3-avro}; {@code .ci/run} installs them when it can).
 */
@ExtendWith(EmbeddedStackExtension.class)
class OutsideClientEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration PROCESSING = Duration.ofSeconds(60);
    static final Path SCRIPT = Path.of("../../infra/outside-clients/produce_lots_and_readings.py");
    static final int READINGS_PER_LOT = 3;

    @Test
    void lotsAndReadingsFromLibrdkafkaWithItsDefaultPartitionerAreScreenedAsAnyOther(EmbeddedStack stack,
                                                                                     @TempDir Path work) throws Exception {
        Optional<String> python = pythonWithModules();
        Assumptions.assumeTrue(python.isPresent(), "skipped: no python3 with the confluent_kafka and avro modules"
                + " (Debian: apt-get install python3-confluent-kafka python3-avro)");
        assertTrue(Files.isRegularFile(SCRIPT), "the outside client script is at " + SCRIPT.toAbsolutePath());

        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> siteByLot = new LinkedHashMap<>();
        for (int l = 0; l < 12; l++) {
            siteByLot.put("PY-" + id + "-L" + l, "YARD-" + (char) ('A' + l % 3));
        }
        Path lotSchema = Files.writeString(work.resolve("LotInfo.avsc"), LotInfo.getClassSchema().toString());
        Path readingSchema = Files.writeString(work.resolve("XrfReading.avsc"), XrfReading.getClassSchema().toString());
        String ccompat = stack.registryUrl().replaceFirst("/apis/registry/v3/?$", "") + "/apis/ccompat/v7";

        Map<String, Object> config = ProducerPartitionerEmbeddedTest.config(stack, "it-outside-" + id,
                work.resolve("state"), id);
        try (ScreenerService screener = ScreenerService.start(config)) {
            screener.awaitRunning(STARTUP);

            JsonNode lots = produce(python.get(), stack.bootstrapServers(), ccompat, "lots", lotSchema, readingSchema,
                    siteByLot, List.of(), Map.of());
            assertEquals(siteByLot.size(), lots.path("sent").asInt(), lots.toString());
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String lot : siteByLot.keySet()) {
                    assertEquals(200, Http.get(screener.uri(), "lots/" + lot).status(), lot);
                }
            });
            JsonNode readings = produce(python.get(), stack.bootstrapServers(), ccompat, "readings", lotSchema,
                    readingSchema, siteByLot, List.of(), Map.of());
            assertEquals(siteByLot.size() * READINGS_PER_LOT, readings.path("sent").asInt(), readings.toString());

            EveryLotFound.verify(List.of(screener), siteByLot, READINGS_PER_LOT, PROCESSING);
            EveryLotFound.assertNoReadingDeadLettered(stack, siteByLot.keySet());

            // The point of the exercise: librdkafka put lots where Java's murmur2 would not have.
            List<ConsumerRecord<byte[], byte[]>> sent = TopicReader.read(stack.bootstrapServers(), Topics.LOTS.name(),
                    r -> r.key() != null && siteByLot.containsKey(new String(r.key(), StandardCharsets.UTF_8)),
                    siteByLot.size(), PROCESSING);
            long elsewhere = sent.stream().filter(r -> r.partition()
                    != Utils.toPositive(Utils.murmur2(r.key())) % Topics.LOT_PARTITIONS).count();
            System.out.printf("outside client: %d of %d lots on another partition than Java's default would choose;"
                    + " every lot found with its %d readings%n", elsewhere, sent.size(), READINGS_PER_LOT);
            assertTrue(elsewhere > 0, "librdkafka's partitioner differs from murmur2 for some of these keys");
        }
    }

    /**
     * Runs the script for one phase; {@code extraArguments} and {@code environment} carry a secured cluster's
     * settings (secrets only in the environment). Returns its JSON line.
     */
    static JsonNode produce(String python, String bootstrapServers, String registry, String phase, Path lotSchema,
                            Path readingSchema, Map<String, String> siteByLot, List<String> extraArguments,
                            Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString(),
                "--bootstrap-servers", bootstrapServers, "--registry", registry, "--phase", phase,
                "--lot-schema", lotSchema.toString(), "--reading-schema", readingSchema.toString(),
                "--readings-per-lot", Integer.toString(READINGS_PER_LOT)));
        siteByLot.forEach((lot, site) -> command.addAll(List.of("--lot", lot + "=" + site)));
        command.addAll(extraArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the outside client finished");
        assertEquals(0, process.exitValue(), "the outside client succeeded: " + out);
        return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
    }

    /** A python3 that imports confluent_kafka and avro (Debian's packages serve /usr/bin/python3). */
    static Optional<String> pythonWithModules() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import confluent_kafka, avro")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
