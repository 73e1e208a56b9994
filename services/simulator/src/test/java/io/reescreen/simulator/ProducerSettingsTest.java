package io.reescreen.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerSettingsTest {

    @TempDir
    Path dir;

    @Test
    void onAConnectionTheProducerCarriesItsSecuritySettingsAndStillIdempotenceAndAcksAll() throws IOException {
        KafkaConnection connection = KafkaConnection.of("broker-1:9093", KafkaClientSecurity.load(Files.writeString(
                dir.resolve("kafka-client.properties"), "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n")));
        Map<String, Object> config = ProducerSettings.of(connection, "sim-1",
                Map.of("compression.type", "lz4", "enable.idempotence", false));
        assertEquals("broker-1:9093", config.get("bootstrap.servers"));
        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertEquals("lz4", config.get("compression.type"));
        assertEquals(true, config.get("enable.idempotence"));
        assertEquals("all", config.get("acks"));
        assertEquals("sim-1", config.get("client.id"));
    }

    @Test
    void onAConnectionTheOverridesMayNotSetASecurityKey() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ProducerSettings.of(
                KafkaConnection.plaintext("broker-1:9092"), "sim-1", Map.of("security.protocol", "SSL")));
        assertTrue(refused.getMessage().contains("security.protocol"), refused.getMessage());
    }

    @Test
    void aPlaintextConnectionGivesWhatTheBootstrapAddressAloneGave() {
        Map<String, Object> overrides = Map.of("linger.ms", 20);
        assertEquals(ProducerSettings.of("broker-1:9092", "sim-1", overrides),
                ProducerSettings.of(KafkaConnection.plaintext("broker-1:9092"), "sim-1", overrides));
        assertFalse(ProducerSettings.of(KafkaConnection.plaintext("broker-1:9092"), "sim-1", overrides)
                .containsKey("security.protocol"));
    }
}
