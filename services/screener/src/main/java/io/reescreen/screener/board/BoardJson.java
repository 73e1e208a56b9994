package io.reescreen.screener.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The board's JSON, field for field the contract the page is written against (services/screener/README.md, The yard
 * board): every number's unit is in its name ({@code PpmMol}, {@code MolPct}, {@code Ms}; probabilities 0..1), and
 * a value that is not known is {@code null}, never left out.
 */
public final class BoardJson {

    private BoardJson() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Attribution(String feature, double contributionPpmMol) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Ack(String alertId, String operator, String note, long acknowledgedAtMs) {
    }

    /** An alert as raised, its interval from the prediction that raised it, and its acknowledgement (null: none). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Alert(String alertId, String lotId, String siteId, long raisedAtMs, String transition, String trigger,
                        double totalReeMeanPpmMol, double totalReeP05PpmMol, double totalReeP95PpmMol,
                        double thresholdTotalReePpmMol, double probHigh, boolean outOfDomain,
                        List<Attribution> attributions, String modelVersion, String modelSiteId, int readingCount,
                        String reason, AckBody ack) {
    }

    /** An acknowledgement inside its alert (the alert id is the alert's). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AckBody(String operator, String note, long acknowledgedAtMs) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Alerts(List<Alert> alerts) {
    }

    /**
     * A lot as the board lists it. The prediction's fields are null before the lot's first prediction.
     *
     * @param verdict HIGH when the lot's last alert said it became likely high, LOW when predicted and not (or no
     *                longer) likely high, null before its first prediction
     * @param byDifference the oxides the prediction took by difference (e.g. {@code SiO2}), null when none
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Lot(String lotId, String siteId, Integer shots, Double totalReeMeanPpmMol, Double totalReeP05PpmMol,
                      Double totalReeP95PpmMol, Double probHigh, String verdict, Boolean outOfDomain,
                      String byDifference, String modelVersion, String modelSiteId, long updatedAtMs) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Lots(List<Lot> lots) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Output(String target, double meanPpmMol, double p05PpmMol, double p95PpmMol) {
    }

    /** The lot's composition after a shot: mol % of the ten major oxides by formula. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Shot(long atMs, Map<String, Double> oxidesMolPct) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeadLetter(long atMs, String reason, String detail) {
    }

    /** @param relativeError (predicted - lab) / lab, a fraction (0.1 = 10 % over); null when the lab value is 0 */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LabResult(String labResultId, long atMs, double labTotalReePpmMol, double predictedTotalReePpmMol,
                            Double relativeError, boolean insideInterval) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LotDetail(Lot lot, List<Output> outputs, List<Attribution> attributions, List<Shot> shots,
                            List<DeadLetter> deadLetters, List<LabResult> labResults) {
    }

    /** @param siteId null: the base model */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ModelInForce(String siteId, String version, String since, String parentVersion,
                               Map<String, Double> metrics) {
    }

    /** @param siteId null: a base model release */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RejectedRelease(String version, String siteId, String reason, long atMs) {
    }

    /**
     * Realised accuracy of one model version at one site, from every comparison the board has read.
     *
     * @param maeOverMeanPct mean absolute error over the mean lab value, percent
     * @param coverage90Pct  lab values inside the 90 % interval, percent
     * @param meanWidthPct   the interval's mean width, percent of the prediction
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Accuracy(String siteId, String modelVersion, int n, Double maeOverMeanPct, Double coverage90Pct,
                           Double meanWidthPct) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ModelPanel(List<ModelInForce> models, RejectedRelease lastRejected, List<Accuracy> accuracy) {
    }

    /**
     * @param consumerLag  records this instance's streams have yet to read, summed over its partitions; null unknown
     * @param lagGrowing   whether that lag rose over the last samples
     * @param feedCaughtUp whether the board has read its topics up to where they were when it (re)started
     * @param feedError    the board feed's last failure, null while it reads
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Health(String streamsState, boolean running, double readingsPerSecond,
                         Map<String, Double> deadLettersPerSecondByReason, Long consumerLag, boolean lagGrowing,
                         boolean feedCaughtUp, String feedError, String kafkaUnreachable) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Problem(String message) {
    }
}
