package io.reescreen.retrainer.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The retrainer asks the cluster for lot.compositions' partition count before it builds its join. */
@ExtendWith(EmbeddedStackExtension.class)
class LotPartitionsStartCheckEmbeddedTest {

    @Test
    void aRetrainerWhoseLotPartitionsDifferFromLotCompositionsRefusesToStartAndSaysWhy(EmbeddedStack stack,
                                                                                        @TempDir Path dir) {
        int wrong = Topics.LOT_PARTITIONS + 1;
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", stack.bootstrapServers());
        config.put("reescreen.registry.url", stack.registryUrl());
        config.put("kafka.streams.retrainer.application.id", "it-retrainer-lot-partitions-" + UUID.randomUUID());
        config.put("kafka.streams.retrainer.state.dir", dir.resolve("state").toString());
        config.put("micronaut.server.port", -1);
        // The context makes its bootstrap model before the join: the smallest one, as the check does not use it.
        config.put(RetrainerProperties.BOOTSTRAP_ROWS, 20);
        config.put(RetrainerProperties.BOOTSTRAP_MEMBERS, 1);
        config.put(RetrainerProperties.BOOTSTRAP_EPOCHS, 1);
        config.put(RetrainerProperties.LOT_PARTITIONS, wrong);

        RuntimeException refused = assertThrows(RuntimeException.class, () -> RetrainerService.start(config).close());
        String message = messages(refused);
        assertTrue(message.contains(RetrainerProperties.LOT_PARTITIONS + " is " + wrong + ", but lot.compositions has "
                + Topics.LOT_PARTITIONS), message);
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
