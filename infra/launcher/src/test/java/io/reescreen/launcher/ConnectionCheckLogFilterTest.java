package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class ConnectionCheckLogFilterTest {

    private final ConnectionCheckLogFilter filter = new ConnectionCheckLogFilter();
    private final Logger kafkaLogger = new LoggerContext().getLogger("org.apache.kafka.clients.NetworkClient");

    @Test
    void theConnectionChecksOwnClientLinesAreLeftOut() {
        assertEquals(FilterReply.DENY, filter.decide(null, kafkaLogger, Level.ERROR,
                "[AdminClient clientId=reescreen-connection-check] Connection to node {} failed authentication", null,
                null));
    }

    @Test
    void everyOtherClientsLinesAreLeftToTheConfiguration() {
        assertEquals(FilterReply.NEUTRAL, filter.decide(null, kafkaLogger, Level.ERROR,
                "[Producer clientId=reescreen-dlq-replay] Connection to node {} failed authentication", null, null));
        assertEquals(FilterReply.NEUTRAL, filter.decide(null, kafkaLogger, Level.WARN, null, null, null));
    }
}
