package io.reescreen.retrainer.training;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One retraining attempt, published or not: what triggered it, on how many examples, the gate's decision, and
 * the version published (empty when rejected or when there was nothing to judge), and why an accepted challenger
 * could not be published, if it could not. Kept so a rejected challenger is recorded with why.
 *
 * @param siteId the site whose model was attempted (its examples only); empty for the base model
 */
public record RetrainingOutcome(Instant at, String trigger, int examples, String championVersion,
                                GateDecision decision, Optional<String> publishedVersion, Optional<String> failure,
                                Optional<String> siteId) {

    public RetrainingOutcome {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(publishedVersion, "publishedVersion");
        Objects.requireNonNull(failure, "failure");
    }

    /** An attempt at the base model. */
    public RetrainingOutcome(Instant at, String trigger, int examples, String championVersion, GateDecision decision,
                             Optional<String> publishedVersion, Optional<String> failure) {
        this(at, trigger, examples, championVersion, decision, publishedVersion, failure, Optional.empty());
    }

    public boolean published() {
        return publishedVersion.isPresent();
    }
}
