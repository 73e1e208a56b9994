package io.reescreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.ConnectionProblem;
import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replay clients take the connection's security settings: a SASL connection without a JAAS login is refused when
 * the client is made, which only happens if the settings reached it (a plaintext client would be made and wait).
 */
class SecuredClusterClientsTest {

    private static final KafkaConnection SASL_WITHOUT_LOGIN = KafkaConnection.of("127.0.0.1:1",
            KafkaClientSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                    "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")));

    @Test
    void theTopicWindowReadersConsumerCarriesTheConnectionsSecuritySettings() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> TopicWindowReader.consumer(SASL_WITHOUT_LOGIN, "test").close());

        assertEquals("sasl.jaas.config", ConnectionProblem.explain(refused, SASL_WITHOUT_LOGIN).setting());
    }

    @Test
    void theReleaseHistorysConsumerCarriesTheConnectionsSecuritySettings() {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> ReleaseHistory.read(SASL_WITHOUT_LOGIN,
                Topics.MODEL_SERVED.name(), (topic, bytes) -> null, "ree", Duration.ofSeconds(1)));

        assertEquals("sasl.jaas.config", ConnectionProblem.explain(refused, SASL_WITHOUT_LOGIN).setting());
    }
}
