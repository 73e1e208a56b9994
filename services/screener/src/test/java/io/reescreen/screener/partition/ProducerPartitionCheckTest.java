package io.reescreen.screener.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProducerPartitionCheckTest {

    private static final String SETTING = "reescreen.screener.producers-partition-by-lot-id";

    @Test
    void readingsAndLotsWithDifferentCountsAreRefusedWhenReadWhereTheyAre() {
        String problem = ProducerPartitionCheck.problem(Map.of("xrf.readings", 6, "lots", 3), SETTING).orElseThrow();
        assertTrue(problem.startsWith(SETTING + "=true, but xrf.readings has 6 partitions and lots 3"), problem);
    }

    @Test
    void equalCountsOrAMissingTopicPass() {
        assertEquals(Optional.empty(), ProducerPartitionCheck.problem(Map.of("xrf.readings", 3, "lots", 3), SETTING));
        assertEquals(Optional.empty(), ProducerPartitionCheck.problem(Map.of("xrf.readings", 3), SETTING));
    }
}
