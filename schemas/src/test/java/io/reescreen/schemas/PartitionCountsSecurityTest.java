package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reescreen.schemas.connect.ConnectionProblem;
import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionCountsSecurityTest {

    @Test
    void thePartitionCountsAdminCarriesTheConnectionsSecuritySettings() {
        KafkaConnection saslWithoutLogin = KafkaConnection.of("127.0.0.1:1", KafkaClientSecurity.fromEnvironment(
                Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN")));

        // Made as a plaintext client it would wait out the timeout and answer "empty"; with the settings it is refused.
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> PartitionCounts.describe(saslWithoutLogin, List.of("xrf.readings"), Duration.ofSeconds(1)));

        assertEquals("sasl.jaas.config", ConnectionProblem.explain(refused, saslWithoutLogin).setting());
    }
}
