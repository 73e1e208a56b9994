package io.reescreen.screener.board;

import io.reescreen.schemas.AlertAcknowledgement;
import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.OxideAttribution;
import io.reescreen.schemas.OxideMolPct;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The whole yard as the board shows it: the alerts, lots, acknowledgements, realised accuracy and the last refused
 * release read from the topics (every partition, whichever instance owns it), bounded in memory by
 * {@link BoardSettings}. One writer (the feed) and many readers (HTTP); every answer is a copy.
 */
public final class YardView {

    /** Acknowledgements are kept apart from alerts (either may be read first), a few per alert kept. */
    private static final int ACKS_PER_ALERT_KEPT = 2;
    private static final int ACCURACY_ROWS_KEPT = 1_000;
    private static final String READINGS = "readings";
    private static final String DEAD_LETTER = "dlq:";
    /** Raised first, first to go: the same order whichever partition the feed happens to read first. */
    private static final Comparator<HighReeAlert> RAISED_ORDER = Comparator.comparing(HighReeAlert::getRaisedAt)
            .thenComparing(HighReeAlert::getAlertId);

    private final BoardSettings settings;
    private final LongSupplier clockMs;
    /** By lot id, least recently updated first. */
    private final LinkedHashMap<String, YardLot> lots = new LinkedHashMap<>();
    /** By alert id. */
    private final Map<String, HighReeAlert> alerts = new HashMap<>();
    /**
     * The same alerts, oldest raised first. The oldest raised go when there are too many, never the newest read: a
     * screener catching up on a backlog reads old alerts after new ones, and must not drop the alerts on screen.
     */
    private final TreeSet<HighReeAlert> alertsByAge = new TreeSet<>(RAISED_ORDER);
    private final LinkedHashMap<String, AlertAcknowledgement> acks = new LinkedHashMap<>();
    private final LinkedHashMap<List<String>, AccuracySum> accuracy = new LinkedHashMap<>();
    private final RecentRate rates = new RecentRate();
    private BoardJson.RejectedRelease lastRejected;

    public YardView(BoardSettings settings, LongSupplier clockMs) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
    }

    /**
     * Takes an alert in; answers it as the board shows it, or empty when it was already known (read again) or is
     * older than every alert kept.
     */
    public synchronized Optional<BoardJson.Alert> onAlert(HighReeAlert alert) {
        if (alerts.containsKey(alert.getAlertId())) {
            return Optional.empty();
        }
        alerts.put(alert.getAlertId(), alert);
        alertsByAge.add(alert);
        boolean kept = true;
        while (alertsByAge.size() > settings.maxAlerts()) {
            HighReeAlert oldest = alertsByAge.pollFirst();
            alerts.remove(oldest.getAlertId());
            kept &= oldest != alert;
        }
        long at = alert.getRaisedAt().toEpochMilli();
        YardLot lot = entry(alert.getLotId());
        lot.site(alert.getSiteId());
        if (at >= lot.lastTransitionAtMs) {
            lot.lastTransition = alert.getTransition();
            lot.lastTransitionAtMs = at;
        }
        lot.touch(at);
        return kept ? Optional.of(toJson(alert)) : Optional.empty();
    }

    public synchronized void onPrediction(ReePrediction prediction) {
        YardLot lot = entry(prediction.getLotId());
        if (lot.prediction == null || !prediction.getPredictedAt().isBefore(lot.prediction.getPredictedAt())) {
            lot.prediction = prediction;
        }
        lot.touch(prediction.getPredictedAt().toEpochMilli());
    }

    public synchronized void onComposition(LotComposition composition, long recordTimeMs) {
        YardLot lot = entry(composition.getLotId());
        lot.site(composition.getSiteId());
        if (lot.isNewShot(composition)) {
            Map<String, Double> oxides = new LinkedHashMap<>();
            for (OxideMolPct o : composition.getOxides()) {
                oxides.put(o.getOxide().name(), o.getMeanMolPct());
            }
            YardLot.keepLast(lot.shots, new BoardJson.Shot(composition.getLastSampledAt().toEpochMilli(), oxides),
                    settings.maxShotsPerLot());
            // A composition covers the readings since the lot's last one (the screener publishes each changed lot once
            // per prediction interval), so the readings counted are the growth of its shot count.
            int added = composition.getShotCount() - Math.max(0, lot.lastShotCount);
            // A smaller count: the lot expired from the screener's stores and was shot again, afresh.
            rates.count(READINGS, recordTimeMs, clockMs.getAsLong(), added < 0 ? composition.getShotCount() : added);
            lot.lastShotCount = composition.getShotCount();
        }
        lot.touch(composition.getUpdatedAt().toEpochMilli());
    }

    /** A reading of the lot dead-lettered (lotId null: a reading without a key, counted but not shown on a lot). */
    public synchronized void onDeadLetter(String lotId, String reason, String detail, long atMs) {
        String why = reason == null ? "UNKNOWN" : reason;
        long now = clockMs.getAsLong();
        rates.count(READINGS, atMs, now);
        rates.count(DEAD_LETTER + why, atMs, now);
        if (lotId != null) {
            YardLot lot = entry(lotId);
            YardLot.keepLast(lot.deadLetters, new BoardJson.DeadLetter(atMs, why, detail),
                    settings.maxDeadLettersPerLot());
            lot.touch(atMs);
        }
    }

    public synchronized void onPerformance(ModelPerformance p) {
        double lab = p.getLabTotalReePpmMol();
        Double relative = Double.isFinite(p.getRelativeErrorPct()) ? p.getRelativeErrorPct() / 100.0 : null;
        YardLot lot = lots.get(p.getLotId());
        if (lot != null) {
            YardLot.keepLast(lot.labResults, new BoardJson.LabResult(p.getLabResultId(),
                    p.getLabResultAt().toEpochMilli(), lab, p.getPredictedTotalReePpmMol(), relative,
                    p.getInsideInterval90()), settings.maxDeadLettersPerLot());
        }
        List<String> key = Arrays.asList(p.getSiteId(), p.getModelVersion());
        AccuracySum sum = accuracy.remove(key);
        accuracy.put(key, (sum == null ? new AccuracySum() : sum).add(p));
        while (accuracy.size() > ACCURACY_ROWS_KEPT) {
            Iterator<List<String>> eldest = accuracy.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Takes an acknowledgement in (the last one of an alert wins) and answers it as the stream sends it. */
    public synchronized BoardJson.Ack onAck(AlertAcknowledgement ack) {
        acks.remove(ack.getAlertId());
        acks.put(ack.getAlertId(), ack);
        while (acks.size() > settings.maxAlerts() * ACKS_PER_ALERT_KEPT) {
            Iterator<String> eldest = acks.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return new BoardJson.Ack(ack.getAlertId(), ack.getOperator(), ack.getNote(),
                ack.getAcknowledgedAt().toEpochMilli());
    }

    public synchronized void onRejectedRelease(BoardJson.RejectedRelease rejected) {
        if (lastRejected == null || rejected.atMs() >= lastRejected.atMs()) {
            lastRejected = rejected;
        }
    }

    /** Forgets the lots not updated and the alerts not raised since {@code cutoffMs}. */
    public synchronized void forgetBefore(long cutoffMs) {
        lots.values().removeIf(lot -> lot.updatedAtMs < cutoffMs);
        while (!alertsByAge.isEmpty() && alertsByAge.first().getRaisedAt().toEpochMilli() < cutoffMs) {
            alerts.remove(alertsByAge.pollFirst().getAlertId());
        }
    }

    /** The newest {@code limit} alerts, newest first, each with its acknowledgement. */
    public synchronized List<BoardJson.Alert> alerts(int limit) {
        return alertsByAge.descendingSet().stream().limit(Math.max(0, limit)).map(this::toJson).toList();
    }

    public synchronized Optional<HighReeAlert> alert(String alertId) {
        return Optional.ofNullable(alerts.get(alertId));
    }

    /** Lots updated within {@code last}, newest first; {@code site}, {@code verdict} null: any. */
    public synchronized List<BoardJson.Lot> lots(Duration last, String site, String verdict) {
        long since = clockMs.getAsLong() - last.toMillis();
        List<BoardJson.Lot> out = new ArrayList<>();
        List<YardLot> newestFirst = new ArrayList<>(lots.values());
        newestFirst.sort(Comparator.comparingLong((YardLot l) -> l.updatedAtMs).reversed());
        for (YardLot lot : newestFirst) {
            if (lot.updatedAtMs < since || (site != null && !site.equals(lot.siteId))) {
                continue;
            }
            BoardJson.Lot json = toJson(lot);
            if (verdict == null || verdict.equalsIgnoreCase(String.valueOf(json.verdict()))) {
                out.add(json);
            }
        }
        return out;
    }

    public synchronized Optional<BoardJson.LotDetail> lot(String lotId) {
        YardLot lot = lots.get(lotId);
        if (lot == null) {
            return Optional.empty();
        }
        List<BoardJson.Output> outputs = new ArrayList<>();
        List<BoardJson.Attribution> attributions = List.of();
        if (lot.prediction != null) {
            for (ReeEstimate e : lot.prediction.getOutputs()) {
                outputs.add(new BoardJson.Output(e.getTarget().name(), e.getMeanPpmMol(), e.getP05PpmMol(),
                        e.getP95PpmMol()));
            }
            attributions = attributions(lot.prediction.getAttributions());
        }
        return Optional.of(new BoardJson.LotDetail(toJson(lot), outputs, attributions, List.copyOf(lot.shots),
                List.copyOf(lot.deadLetters), List.copyOf(lot.labResults)));
    }

    public synchronized List<BoardJson.Accuracy> accuracy() {
        List<BoardJson.Accuracy> out = new ArrayList<>();
        accuracy.forEach((key, sum) -> out.add(sum.toJson(key.get(0), key.get(1))));
        out.sort(Comparator.comparing((BoardJson.Accuracy a) -> String.valueOf(a.siteId()))
                .thenComparing(BoardJson.Accuracy::modelVersion));
        return out;
    }

    public synchronized Optional<BoardJson.RejectedRelease> lastRejected() {
        return Optional.ofNullable(lastRejected);
    }

    /** Readings the yard took in (readings added to the lots' compositions plus readings dead-lettered) per second, last minute. */
    public synchronized double readingsPerSecond() {
        return rates.perSecond(clockMs.getAsLong()).getOrDefault(READINGS, 0.0);
    }

    /** Readings dead-lettered per second over the last minute, by reason. */
    public synchronized Map<String, Double> deadLettersPerSecondByReason() {
        Map<String, Double> out = new TreeMap<>();
        rates.perSecond(clockMs.getAsLong()).forEach((kind, rate) -> {
            if (kind.startsWith(DEAD_LETTER)) {
                out.put(kind.substring(DEAD_LETTER.length()), rate);
            }
        });
        return out;
    }

    public synchronized int lotCount() {
        return lots.size();
    }

    private YardLot entry(String lotId) {
        YardLot lot = lots.remove(lotId); // re-inserted last: the most recently updated
        if (lot == null) {
            lot = new YardLot(lotId);
        }
        lots.put(lotId, lot);
        while (lots.size() > settings.maxLots()) {
            Iterator<String> eldest = lots.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return lot;
    }

    private BoardJson.Alert toJson(HighReeAlert a) {
        AlertAcknowledgement ack = acks.get(a.getAlertId());
        return new BoardJson.Alert(a.getAlertId(), a.getLotId(), a.getSiteId(), a.getRaisedAt().toEpochMilli(),
                a.getTransition().name(), a.getTrigger().name(), a.getTotalReeMeanPpmMol(), a.getTotalReeP05PpmMol(),
                a.getTotalReeP95PpmMol(), a.getThresholdTotalReePpmMol(), a.getProbTotalAtOrAboveThreshold(),
                a.getOutOfDomain(), attributions(a.getTopAttributions()), a.getModelVersion(), a.getModelSiteId(),
                a.getReadingCount(), a.getReason(), ack == null ? null
                        : new BoardJson.AckBody(ack.getOperator(), ack.getNote(), ack.getAcknowledgedAt().toEpochMilli()));
    }

    private static BoardJson.Lot toJson(YardLot lot) {
        ReePrediction p = lot.prediction;
        Optional<ReeEstimate> total = p == null ? Optional.empty()
                : p.getOutputs().stream().filter(e -> e.getTarget() == ReeTarget.TOTAL_REE).findFirst();
        String verdict = lot.lastTransition == AlertTransition.BECAME_LIKELY_HIGH ? "HIGH" : p == null ? null : "LOW";
        Integer shots = p != null ? Integer.valueOf(p.getReadingCount())
                : lot.lastShotCount >= 0 ? Integer.valueOf(lot.lastShotCount) : null;
        return new BoardJson.Lot(lot.lotId, lot.siteId, shots, total.map(ReeEstimate::getMeanPpmMol).orElse(null),
                total.map(ReeEstimate::getP05PpmMol).orElse(null), total.map(ReeEstimate::getP95PpmMol).orElse(null),
                p == null ? null : p.getProbTotalAtOrAboveThreshold(), verdict, p == null ? null : p.getOutOfDomain(),
                p == null || p.getByDifferenceOxides().isEmpty() ? null
                        : p.getByDifferenceOxides().stream().map(Enum::name).collect(Collectors.joining(", ")),
                p == null ? null : p.getModelVersion(),
                p == null ? null : p.getModelSiteId(), lot.updatedAtMs);
    }

    private static List<BoardJson.Attribution> attributions(List<OxideAttribution> attributions) {
        return attributions.stream()
                .map(a -> new BoardJson.Attribution(a.getOxide().name(), a.getContributionPpmMol())).toList();
    }

    /** Running sums of one (site, model version)'s comparisons. */
    private static final class AccuracySum {
        int n;
        double absoluteErrorPpmMol;
        double labPpmMol;
        int inside;
        double widthPct;
        int widths;

        AccuracySum add(ModelPerformance p) {
            n++;
            absoluteErrorPpmMol += p.getAbsoluteErrorPpmMol();
            labPpmMol += p.getLabTotalReePpmMol();
            inside += p.getInsideInterval90() ? 1 : 0;
            if (Double.isFinite(p.getIntervalWidthPct())) {
                widthPct += p.getIntervalWidthPct();
                widths++;
            }
            return this;
        }

        BoardJson.Accuracy toJson(String site, String version) {
            return new BoardJson.Accuracy(site, version, n,
                    labPpmMol > 0 ? 100.0 * absoluteErrorPpmMol / labPpmMol : null,
                    n > 0 ? 100.0 * inside / n : null, widths > 0 ? widthPct / widths : null);
        }
    }
}
