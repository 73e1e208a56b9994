package io.reescreen.screener.alert;

import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.AlertTrigger;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.OxideAttribution;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.predict.ScoredLot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Raises an alert when a lot's verdict changes, not on every update. A lot becomes likely high when
 * P(total >= threshold) reaches the alert probability (and it has enough readings); it stops being so only when the
 * probability falls below the probability minus the hysteresis. A lot with no verdict yet counts as not likely high,
 * so its first prediction alerts only if it is high.
 *
 * <p>A new model is judged on the lot's next update (no re-scoring sweep): if its verdict differs from the one the
 * previous model gave, the alert says NEW_MODEL. Alert ids are derived from lot, transition, reading and model, so a
 * replay raises the same ids and consumers can dedupe.
 */
public final class AlertDetector implements Processor<String, ScoredLot, String, HighReeAlert> {

    private final AlertSettings settings;
    private final ScreenerMetrics metrics;
    private ProcessorContext<String, HighReeAlert> context;
    private KeyValueStore<String, LotVerdict> verdicts;

    public AlertDetector(AlertSettings settings, ScreenerMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<String, HighReeAlert> context) {
        this.context = context;
        this.verdicts = context.getStateStore(StoreNames.LOT_VERDICTS);
    }

    @Override
    public void process(Record<String, ScoredLot> record) {
        ScoredLot scored = record.value();
        ReePrediction p = scored.prediction();
        String lotId = p.getLotId();
        LotVerdict previous = verdicts.get(lotId);
        boolean wasHigh = previous != null && previous.likelyHigh();
        boolean isHigh = isLikelyHigh(wasHigh, p.getProbTotalAtOrAboveThreshold(), p.getReadingCount());
        long now = context.currentSystemTimeMs();
        String alertId = previous == null ? null : previous.lastAlertId();
        if (isHigh != wasHigh) {
            AlertTransition transition = isHigh ? AlertTransition.BECAME_LIKELY_HIGH : AlertTransition.NO_LONGER_LIKELY_HIGH;
            AlertTrigger trigger = previous != null && !previous.modelVersion().equals(p.getModelVersion())
                    ? AlertTrigger.NEW_MODEL : AlertTrigger.NEW_READINGS;
            HighReeAlert alert = alert(scored, transition, trigger, previous, now);
            alertId = alert.getAlertId();
            verdicts.put(lotId, new LotVerdict(isHigh, p.getModelVersion(), p.getProbTotalAtOrAboveThreshold(),
                    p.getReadingCount(), now, alertId));
            metrics.alertRaised(transition);
            context.forward(record.withValue(alert));
            return;
        }
        verdicts.put(lotId, new LotVerdict(isHigh, p.getModelVersion(), p.getProbTotalAtOrAboveThreshold(),
                p.getReadingCount(), now, alertId));
    }

    /** The verdict rule, with hysteresis around the alert probability. */
    boolean isLikelyHigh(boolean wasHigh, double probability, int readingCount) {
        if (wasHigh) {
            return probability >= settings.probability() - settings.hysteresis();
        }
        return probability >= settings.probability() && readingCount >= settings.minReadings();
    }

    private HighReeAlert alert(ScoredLot scored, AlertTransition transition, AlertTrigger trigger, LotVerdict previous,
                               long now) {
        ReePrediction p = scored.prediction();
        ReeEstimate total = p.getOutputs().stream().filter(o -> o.getTarget() == ReeTarget.TOTAL_REE).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("prediction of lot " + p.getLotId() + " has no total"));
        List<OxideAttribution> top = p.getAttributions().stream()
                .sorted(Comparator.comparingDouble((OxideAttribution a) -> -Math.abs(a.getContributionPpmMol())))
                .limit(settings.topAttributions()).toList();
        String id = UUID.nameUUIDFromBytes(String.join("|", p.getLotId(), transition.name(),
                String.valueOf(scored.lastReadingId()), p.getModelVersion()).getBytes(StandardCharsets.UTF_8)).toString();
        return HighReeAlert.newBuilder()
                .setAlertId(id)
                .setLotId(p.getLotId())
                .setSiteId(scored.siteId())
                .setRaisedAt(Instant.ofEpochMilli(now))
                .setTransition(transition)
                .setTrigger(trigger)
                .setTotalReeMeanPpmMol(total.getMeanPpmMol())
                .setTotalReeP05PpmMol(total.getP05PpmMol())
                .setTotalReeP95PpmMol(total.getP95PpmMol())
                .setThresholdTotalReePpmMol(p.getThresholdTotalReePpmMol())
                .setProbTotalAtOrAboveThreshold(p.getProbTotalAtOrAboveThreshold())
                .setAlertProbability(settings.probability())
                .setOutOfDomain(p.getOutOfDomain())
                .setTopAttributions(top)
                .setModelVersion(p.getModelVersion())
                .setModelSiteId(p.getModelSiteId())
                .setReadingCount(p.getReadingCount())
                .setReason(reason(p, total, top, transition, trigger, previous))
                .build();
    }

    /** One sentence for the yard operator: the verdict, the numbers behind it, the drivers, the model. */
    private String reason(ReePrediction p, ReeEstimate total, List<OxideAttribution> top, AlertTransition transition,
                          AlertTrigger trigger, LotVerdict previous) {
        boolean high = transition == AlertTransition.BECAME_LIKELY_HIGH;
        double line = high ? settings.probability() : settings.probability() - settings.hysteresis();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Lot %s is %s: P(total REE >= %.0f ppm mol) = %.2f %s %.2f; total REE %.0f ppm mol (90%% interval"
                        + " %.0f-%.0f) from %d reading%s",
                p.getLotId(), high ? "now likely high in REE" : "no longer likely high in REE",
                p.getThresholdTotalReePpmMol(), p.getProbTotalAtOrAboveThreshold(), high ? ">=" : "<", line,
                total.getMeanPpmMol(), total.getP05PpmMol(), total.getP95PpmMol(), p.getReadingCount(),
                p.getReadingCount() == 1 ? "" : "s"));
        if (!top.isEmpty()) {
            s.append("; main drivers ").append(top.stream().map(a -> String.format(Locale.ROOT, "%s %+.0f",
                    a.getOxide().name(), a.getContributionPpmMol())).collect(Collectors.joining(", ")))
                    .append(" ppm mol vs the training median");
        }
        if (!p.getByDifferenceOxides().isEmpty()) {
            s.append("; ").append(p.getByDifferenceOxides()).append(" taken by difference");
        }
        if (p.getOutOfDomain()) {
            s.append("; composition outside the model's training domain, treat with caution");
        }
        s.append("; model ").append(p.getModelVersion());
        if (p.getModelSiteId() != null) {
            s.append(" (site ").append(p.getModelSiteId()).append("'s model)");
        }
        if (trigger == AlertTrigger.NEW_MODEL) {
            s.append(" (new model; the verdict under ").append(previous.modelVersion()).append(" was different)");
        }
        return s.append('.').toString();
    }
}
