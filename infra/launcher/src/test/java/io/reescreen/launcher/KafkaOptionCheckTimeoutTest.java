package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How long a command's check before any work waits for the cluster: 15 s unless reescreen.check-timeout says. */
class KafkaOptionCheckTimeoutTest {

    @AfterEach
    void clear() {
        System.clearProperty(KafkaOption.CHECK_TIMEOUT_PROPERTY);
    }

    @Test
    void withoutThePropertyTheCheckWaitsFifteenSeconds() {
        assertEquals(Duration.ofSeconds(15), KafkaOption.checkTimeout());
    }

    @Test
    void thePropertyTakesAnIsoDuration() {
        System.setProperty(KafkaOption.CHECK_TIMEOUT_PROPERTY, "PT30S");
        assertEquals(Duration.ofSeconds(30), KafkaOption.checkTimeout());
    }

    @Test
    void aValueThatIsNoDurationIsAUserErrorNamingTheProperty() {
        System.setProperty(KafkaOption.CHECK_TIMEOUT_PROPERTY, "15");
        UserError e = assertThrows(UserError.class, KafkaOption::checkTimeout);
        assertTrue(e.getMessage().contains(KafkaOption.CHECK_TIMEOUT_PROPERTY), e.getMessage());
    }
}
