package io.reescreen.retrainer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LotPartitionCheckTest {

    private static final String SETTING = "reescreen.retrainer.lot-partitions";

    @Test
    void lotPartitionsEqualToTheScreenersTopicsPasses() {
        assertEquals(Optional.empty(), LotPartitionCheck.problem(new LotPartitioning(false, 6),
                Map.of("lot.compositions", 6, "ree.predictions", 6, "lab.results", 3, "lots", 2), SETTING),
                "with the copy, the outside producers' topics may have any count");
    }

    @Test
    void lotPartitionsOtherThanLotCompositionsCountIsRefusedNamingTheSettingAndTheTopics() {
        String problem = LotPartitionCheck.problem(new LotPartitioning(false, 3),
                Map.of("lot.compositions", 6, "ree.predictions", 6), SETTING).orElseThrow();
        assertTrue(problem.startsWith(SETTING + " is 3, but lot.compositions has 6, ree.predictions has 6 partitions"),
                problem);
    }

    @Test
    void withoutTheCopyEveryLotTopicMustHaveLotCompositionsCount() {
        String problem = LotPartitionCheck.problem(new LotPartitioning(true, 3),
                Map.of("lot.compositions", 3, "ree.predictions", 3, "lab.results", 3, "lots", 4), SETTING).orElseThrow();
        assertTrue(problem.contains("lot.compositions has 3 partitions, but lots has 4"), problem);
        assertEquals(Optional.empty(), LotPartitionCheck.problem(new LotPartitioning(true, 9),
                Map.of("lot.compositions", 3, "ree.predictions", 3, "lab.results", 3, "lots", 3), SETTING),
                "lot-partitions is unused without the copy");
    }

    @Test
    void missingTopicsAreLeftToKafkaStreamsToReport() {
        assertEquals(Optional.empty(), LotPartitionCheck.problem(new LotPartitioning(false, 3), Map.of(), SETTING));
    }
}
