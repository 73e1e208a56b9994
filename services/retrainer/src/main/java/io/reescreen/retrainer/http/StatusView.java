package io.reescreen.retrainer.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /retrain}: what the retrainer knows and when it will retrain next; whether its streams stopped for good
 * ({@code streamsStopped}: why, else null) and what they passed over ({@code ignoredRecords}: topic → reason → count,
 * records on lots and lot.compositions the join could not use; {@code streamFailures}: counts of processing errors
 * skipped, writes dropped, threads died); and the lab results held out of training until a person accepts them
 * ({@code POST /retrain/held/{labResultId}/accept}). {@code championVersion}, {@code examples} and
 * {@code newSinceLastAttempt} are the base model's and all sites' together; {@code sites} has each site's champion
 * and counts.
 */
@Serdeable
public record StatusView(String modelName, String championVersion, int examples, int newSinceLastAttempt,
                         int retrainEvery, String schedule, boolean caughtUp, String streamsState,
                         String streamsStopped, Map<String, Long> streamFailures,
                         Map<String, Map<String, Long>> ignoredRecords, long undecodableExamples,
                         boolean httpTriggerEnabled, OutcomeView lastAttempt, int heldCount, List<HeldView> held,
                         List<SiteView> sites) {

    /** A held lab result: which, of which lot, its total REE (ppm mol of the oxides in the ash) and why it is held. */
    @Serdeable
    public record HeldView(String labResultId, String lotId, Double totalReePpmMol, String reason, String detail,
                           String heldAt) {
    }
}
