package io.reescreen.embedded;

import io.reescreen.schemas.RegistrySerdes;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The round-trip scenario against Kafka in a container (Apache's image, same version as our clients),
 * for machines with Docker. The registry is the embedded child process either way.
 */
@EnabledIfDockerEngine
class ContainerXrfRoundTripTest {

    @Test
    void avroReadingsRoundTripThroughAContainerBroker() throws Exception {
        try (KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.4.0"));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                     Files.createTempDirectory("reescreen-container-registry-"), 0, Duration.ofSeconds(90))) {
            kafka.start();
            XrfRoundTripScenario.run(kafka.getBootstrapServers(), new RegistrySerdes(registry.coreApiUrl(), true));
        }
    }
}
