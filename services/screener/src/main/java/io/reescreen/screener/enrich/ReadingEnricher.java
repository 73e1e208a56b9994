package io.reescreen.screener.enrich;

import io.reescreen.model.units.CompositionException;
import io.reescreen.model.units.ReadingPolicy;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.reasons.DlqReason;
import java.util.Objects;

/**
 * A validated reading → the model's representation (mol % of the ten major oxides, through the model library:
 * {@link CompositionConverter}) joined with its lot's metadata. Pure: no Kafka.
 */
public final class ReadingEnricher {

    private final ReadingPolicy policy;

    /** @param policy how missing and below-detection major oxides are completed; the one validation judged by */
    public ReadingEnricher(ReadingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param reading accepted by the validator
     * @param lot     the lot's metadata the validator saw, null when none is known
     */
    public Enrichment enrich(XrfReading reading, LotInfo lot) {
        ShotComposition shot;
        try {
            shot = CompositionConverter.toShot(CompositionConverter.toOxideReading(reading), policy);
        } catch (CompositionException e) {
            // The validator's checks mirror the library's rules; this catches whatever they did not foresee (e.g. the
            // ten majors above the library's 105 wt % limit).
            return Enrichment.refused(e.oxides().isEmpty() ? DlqReason.IMPLAUSIBLE_TOTAL : DlqReason.MISSING_ANALYTE,
                    e.getMessage());
        } catch (IllegalArgumentException e) {
            // A single value the library refuses, e.g. above 100 wt % once put on ash basis.
            return Enrichment.refused(DlqReason.IMPLAUSIBLE_TOTAL, e.getMessage());
        }
        return Enrichment.of(new EnrichedReading(reading.getReadingId(), reading.getAnalyzerId(), reading.getLotId(),
                reading.getSampledAt().toEpochMilli(), shot, lot == null ? null : lot.getSiteId(),
                lot == null ? null : lot.getAshOrigin()));
    }
}
