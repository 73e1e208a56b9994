package io.reescreen.retrainer.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.retrainer.training.GateDecision;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.RetrainingAttempt;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An attempt survives the trip through models.attempts, a rejected one with its reason. */
class AttemptRecordsTest {

    private static final AvroBinarySerde<RetrainingAttempt> SERDE = new AvroBinarySerde<>(RetrainingAttempt.class);

    @Test
    void aPublishedAndARejectedAttemptComeBackAsTheyWere() {
        Instant at = Instant.parse("2026-11-24T02:00:00Z");
        RetrainingOutcome published = new RetrainingOutcome(at, "every 20 new examples", 24, "bootstrap-file-abc",
                new GateDecision(true, 20.6, 14.8, 5, 30, 0.05, "transfer", "accepted because"),
                Optional.of("transfer-20261124T020000Z-1e4c0e82"), Optional.empty());
        RetrainingOutcome rejected = new RetrainingOutcome(at.plusSeconds(60), "POST /retrain", 4, "v1",
                new GateDecision(false, Double.NaN, Double.NaN, 0, 0, 0.05, "none", "4 examples; at least 10 are needed"),
                Optional.empty(), Optional.empty());
        for (RetrainingOutcome o : new RetrainingOutcome[] {published, rejected}) {
            RetrainingAttempt record = SERDE.fromBytes(SERDE.toBytes(AttemptRecords.of("ree-mtnn", o)));
            assertEquals("ree-mtnn", record.getModelName());
            assertEquals(o, AttemptRecords.outcome(record));
        }
        RetrainingAttempt nothingJudged = AttemptRecords.of("ree-mtnn", rejected);
        assertNull(nothingJudged.getChampionMaeOverMeanTotalReePct(), "NaN travels as null, not as a number");
        assertTrue(nothingJudged.getReason().contains("at least 10"));
    }
}
