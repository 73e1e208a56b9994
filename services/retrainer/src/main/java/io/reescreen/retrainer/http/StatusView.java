package io.reescreen.retrainer.http;

import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /retrain}: what the retrainer knows and when it will retrain next. */
@Serdeable
public record StatusView(String modelName, String championVersion, int examples, int newSinceLastAttempt,
                         int retrainEvery, String schedule, boolean caughtUp, String streamsState,
                         long undecodableExamples, boolean httpTriggerEnabled, OutcomeView lastAttempt) {
}
