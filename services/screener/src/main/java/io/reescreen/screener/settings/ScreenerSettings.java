package io.reescreen.screener.settings;

import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.units.BelowDetectionPolicy;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.MissingOxidePolicy;
import io.reescreen.model.units.ReadingPolicy;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.alert.AlertSettings;
import io.reescreen.screener.lot.AggregationSettings;
import io.reescreen.screener.lot.RetentionSettings;
import io.reescreen.screener.predict.ScoringSettings;
import io.reescreen.screener.predict.ThresholdUnit;
import io.reescreen.screener.validate.ValidationLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the screener's topology does, apart from where Kafka is: validation limits, the served model's name, the
 * screening threshold and alert rule. Immutable; {@link #defaults()} then {@link #toBuilder()} to change a few,
 * or {@link #fromProperties(Map)} with the {@code reescreen.screener.*} keys below. Parsed and checked here, in one
 * place; each stage is handed only its own part ({@link #aggregationSettings()}, {@link #scoringSettings()},
 * {@link #alertSettings()}).
 *
 * @param modelName              the models.releases key this screener serves; releases under other names are kept in
 *                               the global store but not served
 * @param readingPolicy          missing and below-detection major oxides (default: SiO2 by difference, LOD/2)
 * @param minPlausibleTotalWtPct lower bound of the oxide wt % total (LOI counted when it is needed to reach it)
 * @param maxPlausibleTotalWtPct upper bound of the oxide wt % total (the model library also refuses ten majors
 *                               summing above 105 wt %)
 * @param maxFutureSkew          how far sampledAt may lie after the record timestamp / wall clock, and the record
 *                               timestamp after the wall clock
 * @param requireLotInfo         reject readings of lots with no LotInfo (UNKNOWN_LOT); metadata is optional by default
 * @param threshold              screening threshold on total REE, in {@code thresholdUnit}
 * @param alertProbability       a lot is likely high when P(total >= threshold) reaches this
 * @param alertHysteresis        a likely-high lot stops being so only below {@code alertProbability - alertHysteresis},
 *                               so a probability hovering at the line does not flap
 * @param minReadingsForAlert    no BECAME_LIKELY_HIGH alert before the lot has this many readings
 * @param topAttributions        how many attributions an alert quotes
 * @param noiseSamples           Monte-Carlo input draws per ensemble member
 * @param defaultRelativeSigma   1-sigma assumed for readings that report none, fraction of the value
 * @param predictionSeed         fixes the Monte-Carlo draws, so a replay gives the same predictions
 * @param minRelativeSigma       floor on a shot's sigma when weighting (a reported sigma of 0 would otherwise take
 *                               all the weight), fraction of the value
 * @param persistentStores       RocksDB (true) or in-memory (false) for the lot stores; both are changelogged
 * @param predictionInterval     zero: every lot update is scored as it comes. Positive: updates wait (in a
 *                               changelogged store) and each changed lot is scored once per interval of wall-clock
 *                               time, with its latest composition, in one batch with the other changed lots; the
 *                               prediction then covers every reading that arrived before it. The model costs the
 *                               same per call whether a lot changed by one reading or fifty, so at high reading rates
 *                               (a replay, a backlog) this keeps up where per-update scoring falls behind.
 * @param producersPartitionByLotId true only where every producer of xrf.readings and lots places records by Java's
 *                               default partitioner (murmur2 of the lot id) and both topics have the same partition
 *                               count: the screener then reads them where they are. False (the default): it first
 *                               copies them onto internal topics partitioned by lot id, whatever client wrote them
 * @param lotPartitions          partitions of those internal topics (fixed per application.id; at most this many
 *                               stream tasks share the lots)
 * @param lotHopMisroutedOnly    with the copy onto internal topics: true (the default) copies only the records not
 *                               already on their lot's partition (the screener's stream task for that partition
 *                               reads them where they are); false copies every record. Needs xrf.readings and lots to
 *                               have at most {@code lotPartitions} partitions (checked at start). Fixed per
 *                               application.id, like {@code lotPartitions}
 * @param lotRetention           a lot with no reading for longer than this (wall clock) is deleted from every lot
 *                               store, its changelogs tombstoned; zero keeps lots forever
 * @param lotRetentionSweepInterval wall-clock time between two retention sweeps
 * @param lotRetentionSweepBatch lots visited per sweep (bounds one sweep's work)
 * @param predictionBacklogInterval with a positive {@code predictionInterval}: while the screener is behind its input
 *                               (see {@code predictionBacklogRecords}), changed lots are scored once per this longer
 *                               interval instead. Behind, a lot's next readings are already waiting, so scoring it
 *                               every {@code predictionInterval} is work they will undo; the model is most of a
 *                               stream thread's time. Zero (or not above {@code predictionInterval}) never waits
 * @param predictionBacklogRecords behind means: this many readings or more not yet taken from the input topics by
 *                               this instance (the consumers' {@code records-lag}, summed over their partitions)
 */
public record ScreenerSettings(String modelName, ReadingPolicy readingPolicy, double minPlausibleTotalWtPct,
                               double maxPlausibleTotalWtPct, Duration maxFutureSkew, boolean requireLotInfo,
                               double threshold, ThresholdUnit thresholdUnit, double alertProbability,
                               double alertHysteresis, int minReadingsForAlert, int topAttributions, int noiseSamples,
                               double defaultRelativeSigma, long predictionSeed, double minRelativeSigma,
                               boolean persistentStores, Duration predictionInterval, Instant earliestTimestamp,
                               boolean producersPartitionByLotId, int lotPartitions, boolean lotHopMisroutedOnly,
                               Duration lotRetention,
                               Duration lotRetentionSweepInterval, int lotRetentionSweepBatch,
                               Duration predictionBacklogInterval, long predictionBacklogRecords) {

    public static final String PREFIX = "reescreen.screener.";
    public static final String MODEL_NAME = PREFIX + "model-name";
    public static final String MISSING_OXIDES = PREFIX + "missing-oxides";
    public static final String BY_DIFFERENCE_OXIDE = PREFIX + "by-difference-oxide";
    public static final String BELOW_DETECTION = PREFIX + "below-detection";
    public static final String MIN_TOTAL_WT_PCT = PREFIX + "plausible-total.min-wt-pct";
    public static final String MAX_TOTAL_WT_PCT = PREFIX + "plausible-total.max-wt-pct";
    public static final String MAX_FUTURE_SKEW = PREFIX + "max-future-skew";
    public static final String REQUIRE_LOT_INFO = PREFIX + "require-lot-info";
    public static final String THRESHOLD = PREFIX + "threshold.value";
    public static final String THRESHOLD_UNIT = PREFIX + "threshold.unit";
    public static final String ALERT_PROBABILITY = PREFIX + "alert.probability";
    public static final String ALERT_HYSTERESIS = PREFIX + "alert.hysteresis";
    public static final String ALERT_MIN_READINGS = PREFIX + "alert.min-readings";
    public static final String ALERT_TOP_ATTRIBUTIONS = PREFIX + "alert.top-attributions";
    public static final String NOISE_SAMPLES = PREFIX + "prediction.noise-samples";
    public static final String DEFAULT_RELATIVE_SIGMA = PREFIX + "prediction.default-relative-sigma";
    public static final String PREDICTION_SEED = PREFIX + "prediction.seed";
    public static final String MIN_RELATIVE_SIGMA = PREFIX + "aggregation.min-relative-sigma";
    public static final String PERSISTENT_STORES = PREFIX + "stores.persistent";
    public static final String PREDICTION_INTERVAL = PREFIX + "prediction.interval";
    public static final String EARLIEST_TIMESTAMP = PREFIX + "earliest-timestamp";

    /** No XRF reading of coal ash on Kafka was taken before this. */
    public static final Instant DEFAULT_EARLIEST_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z");
    public static final String PRODUCERS_PARTITION_BY_LOT_ID = PREFIX + "producers-partition-by-lot-id";
    public static final String LOT_PARTITIONS = PREFIX + "lot-partitions";
    public static final String LOT_HOP_MISROUTED_ONLY = PREFIX + "lot-hop.misrouted-only";
    public static final String LOT_RETENTION = PREFIX + "lot-retention";
    public static final String LOT_RETENTION_SWEEP_INTERVAL = PREFIX + "lot-retention-sweep.interval";
    public static final String LOT_RETENTION_SWEEP_BATCH = PREFIX + "lot-retention-sweep.batch";
    public static final String PREDICTION_BACKLOG_INTERVAL = PREFIX + "prediction.backlog-interval";
    public static final String PREDICTION_BACKLOG_RECORDS = PREFIX + "prediction.backlog-records";

    /** Under a backlog a changed lot is scored at most once a second (a second of readings is waiting anyway). */
    public static final Duration DEFAULT_PREDICTION_BACKLOG_INTERVAL = Duration.ofSeconds(1);
    /** A second of input at 1,000 readings/s; a yard's analyzers send a few per second. */
    public static final long DEFAULT_PREDICTION_BACKLOG_RECORDS = 1_000;

    /** A month: a yard's lot is long shipped by then, and a late re-shot of it starts afresh. */
    public static final Duration DEFAULT_LOT_RETENTION = Duration.ofDays(30);

    /** The name releases are published under unless configured otherwise. */
    public static final String DEFAULT_MODEL_NAME = "ree-mtnn";

    public ScreenerSettings {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(readingPolicy, "readingPolicy");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(thresholdUnit, "thresholdUnit");
        Objects.requireNonNull(predictionInterval, "predictionInterval");
        Objects.requireNonNull(earliestTimestamp, "earliestTimestamp");
        if (predictionInterval.isNegative()) {
            throw new IllegalArgumentException("predictionInterval must be >= 0, got " + predictionInterval);
        }
        if (modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
        if (!(minPlausibleTotalWtPct >= 0 && minPlausibleTotalWtPct < maxPlausibleTotalWtPct)) {
            throw new IllegalArgumentException("plausible total must be 0 <= min < max wt %, got ["
                    + minPlausibleTotalWtPct + ", " + maxPlausibleTotalWtPct + "]");
        }
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must be >= 0");
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
        }
        if (!(alertProbability > 0 && alertProbability <= 1)) {
            throw new IllegalArgumentException("alertProbability must be in (0, 1], got " + alertProbability);
        }
        if (!(alertHysteresis >= 0 && alertHysteresis < alertProbability)) {
            throw new IllegalArgumentException("alertHysteresis must be in [0, alertProbability), got " + alertHysteresis);
        }
        if (minReadingsForAlert < 1 || topAttributions < 0 || noiseSamples < 1) {
            throw new IllegalArgumentException("minReadingsForAlert >= 1, topAttributions >= 0, noiseSamples >= 1");
        }
        new RetentionSettings(lotRetention, lotRetentionSweepInterval, lotRetentionSweepBatch); // checks them
        Objects.requireNonNull(predictionBacklogInterval, "predictionBacklogInterval");
        if (predictionBacklogInterval.isNegative() || predictionBacklogRecords < 1) {
            throw new IllegalArgumentException("predictionBacklogInterval must be >= 0 and predictionBacklogRecords >= 1,"
                    + " got " + predictionBacklogInterval + " and " + predictionBacklogRecords);
        }
        if (lotPartitions < 1) {
            throw new IllegalArgumentException("lotPartitions must be >= 1, got " + lotPartitions);
        }
        if (!(defaultRelativeSigma > 0) || !(minRelativeSigma >= 0) || minRelativeSigma > defaultRelativeSigma) {
            throw new IllegalArgumentException("need defaultRelativeSigma > 0 and 0 <= minRelativeSigma <= defaultRelativeSigma");
        }
    }

    /** What the validation stage needs of these settings. */
    public ValidationLimits validationLimits() {
        return new ValidationLimits(earliestTimestamp, maxFutureSkew, requireLotInfo, readingPolicy,
                minPlausibleTotalWtPct, maxPlausibleTotalWtPct);
    }

    public static ScreenerSettings defaults() {
        return new ScreenerSettings(DEFAULT_MODEL_NAME, ReadingPolicy.byDifference(MajorOxide.SIO2), 70.0, 110.0,
                Duration.ofMinutes(5), false, 157.0, ThresholdUnit.PPM_MOL, 0.5, 0.05, 1, 3,
                PredictionSettings.defaults().noiseSamples(), PredictionSettings.defaults().defaultRelativeSigma(),
                PredictionSettings.defaults().seed(), 0.005, true, Duration.ZERO, DEFAULT_EARLIEST_TIMESTAMP, false,
                Topics.LOT_PARTITIONS, true, DEFAULT_LOT_RETENTION, Duration.ofMinutes(1), 2_000,
                DEFAULT_PREDICTION_BACKLOG_INTERVAL, DEFAULT_PREDICTION_BACKLOG_RECORDS);
    }

    /** The library's prediction settings for a threshold already in ppm mol. */
    public PredictionSettings predictionSettings(double thresholdPpmMol) {
        return scoringSettings().predictionSettings(thresholdPpmMol);
    }

    /** What the aggregate-lots stage needs. */
    public AggregationSettings aggregationSettings() {
        return new AggregationSettings(defaultRelativeSigma, minRelativeSigma);
    }

    /** What the predict-lots stage (and the rescore) needs. */
    public ScoringSettings scoringSettings() {
        return new ScoringSettings(threshold, thresholdUnit, noiseSamples, defaultRelativeSigma, predictionSeed,
                predictionInterval, predictionBacklogInterval);
    }

    /** How long idle lots stay in the lot stores (the aggregate-lots stage sweeps them). */
    public RetentionSettings retentionSettings() {
        return new RetentionSettings(lotRetention, lotRetentionSweepInterval, lotRetentionSweepBatch);
    }

    /** What the detect-alerts stage needs. */
    public AlertSettings alertSettings() {
        return new AlertSettings(alertProbability, alertHysteresis, minReadingsForAlert, topAttributions);
    }

    /**
     * Settings from flat properties (Micronaut, a properties file); absent keys keep {@link #defaults()}. Values may
     * be strings or already typed; durations are ISO-8601 ({@code PT5M}); oxides are formulas ({@code SiO2}).
     */
    public static ScreenerSettings fromProperties(Map<String, ?> properties) {
        ScreenerSettings d = defaults();
        ReadingPolicy policy = new ReadingPolicy(
                MissingOxidePolicy.valueOf(text(properties, MISSING_OXIDES, d.readingPolicy.missingOxides().name())),
                MajorOxide.fromFormula(text(properties, BY_DIFFERENCE_OXIDE, d.readingPolicy.byDifferenceOxide().formula())),
                BelowDetectionPolicy.valueOf(text(properties, BELOW_DETECTION, d.readingPolicy.belowDetection().name())));
        return new ScreenerSettings(
                text(properties, MODEL_NAME, d.modelName),
                policy,
                number(properties, MIN_TOTAL_WT_PCT, d.minPlausibleTotalWtPct),
                number(properties, MAX_TOTAL_WT_PCT, d.maxPlausibleTotalWtPct),
                Duration.parse(text(properties, MAX_FUTURE_SKEW, d.maxFutureSkew.toString())),
                Boolean.parseBoolean(text(properties, REQUIRE_LOT_INFO, Boolean.toString(d.requireLotInfo))),
                number(properties, THRESHOLD, d.threshold),
                ThresholdUnit.valueOf(text(properties, THRESHOLD_UNIT, d.thresholdUnit.name())),
                number(properties, ALERT_PROBABILITY, d.alertProbability),
                number(properties, ALERT_HYSTERESIS, d.alertHysteresis),
                (int) number(properties, ALERT_MIN_READINGS, d.minReadingsForAlert),
                (int) number(properties, ALERT_TOP_ATTRIBUTIONS, d.topAttributions),
                (int) number(properties, NOISE_SAMPLES, d.noiseSamples),
                number(properties, DEFAULT_RELATIVE_SIGMA, d.defaultRelativeSigma),
                Long.parseLong(text(properties, PREDICTION_SEED, Long.toString(d.predictionSeed))),
                number(properties, MIN_RELATIVE_SIGMA, d.minRelativeSigma),
                Boolean.parseBoolean(text(properties, PERSISTENT_STORES, Boolean.toString(d.persistentStores))),
                Duration.parse(text(properties, PREDICTION_INTERVAL, d.predictionInterval.toString())),
                Instant.parse(text(properties, EARLIEST_TIMESTAMP, d.earliestTimestamp.toString())),
                Boolean.parseBoolean(text(properties, PRODUCERS_PARTITION_BY_LOT_ID,
                        Boolean.toString(d.producersPartitionByLotId))),
                (int) number(properties, LOT_PARTITIONS, d.lotPartitions),
                Boolean.parseBoolean(text(properties, LOT_HOP_MISROUTED_ONLY, Boolean.toString(d.lotHopMisroutedOnly))),
                duration(properties, LOT_RETENTION, d.lotRetention),
                duration(properties, LOT_RETENTION_SWEEP_INTERVAL, d.lotRetentionSweepInterval),
                (int) number(properties, LOT_RETENTION_SWEEP_BATCH, d.lotRetentionSweepBatch),
                duration(properties, PREDICTION_BACKLOG_INTERVAL, d.predictionBacklogInterval),
                (long) number(properties, PREDICTION_BACKLOG_RECORDS, d.predictionBacklogRecords));
    }

    /** ISO-8601 ({@code P30D}, {@code PT1M}); a bare {@code 0} is zero. */
    private static Duration duration(Map<String, ?> properties, String key, Duration fallback) {
        String value = text(properties, key, fallback.toString());
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as P30D or PT0S, got '" + value
                    + "'", e);
        }
    }

    private static String text(Map<String, ?> properties, String key, String fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value.toString().trim();
    }

    private static double number(Map<String, ?> properties, String key, double fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'", e);
        }
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few settings; everything else keeps its value. */
    public static final class Builder {
        private String modelName;
        private ReadingPolicy readingPolicy;
        private double minTotal;
        private double maxTotal;
        private Duration maxFutureSkew;
        private boolean requireLotInfo;
        private double threshold;
        private ThresholdUnit thresholdUnit;
        private double alertProbability;
        private double alertHysteresis;
        private int minReadingsForAlert;
        private int topAttributions;
        private int noiseSamples;
        private double defaultRelativeSigma;
        private long predictionSeed;
        private double minRelativeSigma;
        private boolean persistentStores;
        private Duration predictionInterval;
        private Instant earliestTimestamp;
        private boolean producersPartitionByLotId;
        private int lotPartitions;
        private boolean lotHopMisroutedOnly;
        private Duration lotRetention;
        private Duration lotRetentionSweepInterval;
        private int lotRetentionSweepBatch;
        private Duration predictionBacklogInterval;
        private long predictionBacklogRecords;

        private Builder(ScreenerSettings s) {
            modelName = s.modelName;
            readingPolicy = s.readingPolicy;
            minTotal = s.minPlausibleTotalWtPct;
            maxTotal = s.maxPlausibleTotalWtPct;
            maxFutureSkew = s.maxFutureSkew;
            requireLotInfo = s.requireLotInfo;
            threshold = s.threshold;
            thresholdUnit = s.thresholdUnit;
            alertProbability = s.alertProbability;
            alertHysteresis = s.alertHysteresis;
            minReadingsForAlert = s.minReadingsForAlert;
            topAttributions = s.topAttributions;
            noiseSamples = s.noiseSamples;
            defaultRelativeSigma = s.defaultRelativeSigma;
            predictionSeed = s.predictionSeed;
            minRelativeSigma = s.minRelativeSigma;
            persistentStores = s.persistentStores;
            predictionInterval = s.predictionInterval;
            earliestTimestamp = s.earliestTimestamp;
            producersPartitionByLotId = s.producersPartitionByLotId;
            lotPartitions = s.lotPartitions;
            lotHopMisroutedOnly = s.lotHopMisroutedOnly;
            lotRetention = s.lotRetention;
            lotRetentionSweepInterval = s.lotRetentionSweepInterval;
            lotRetentionSweepBatch = s.lotRetentionSweepBatch;
            predictionBacklogInterval = s.predictionBacklogInterval;
            predictionBacklogRecords = s.predictionBacklogRecords;
        }

        public Builder modelName(String value) {
            modelName = value;
            return this;
        }

        public Builder readingPolicy(ReadingPolicy value) {
            readingPolicy = value;
            return this;
        }

        public Builder plausibleTotalWtPct(double min, double max) {
            minTotal = min;
            maxTotal = max;
            return this;
        }

        public Builder maxFutureSkew(Duration value) {
            maxFutureSkew = value;
            return this;
        }

        public Builder requireLotInfo(boolean value) {
            requireLotInfo = value;
            return this;
        }

        public Builder threshold(double value, ThresholdUnit unit) {
            threshold = value;
            thresholdUnit = unit;
            return this;
        }

        public Builder alert(double probability, double hysteresis) {
            alertProbability = probability;
            alertHysteresis = hysteresis;
            return this;
        }

        public Builder minReadingsForAlert(int value) {
            minReadingsForAlert = value;
            return this;
        }

        public Builder topAttributions(int value) {
            topAttributions = value;
            return this;
        }

        public Builder noiseSamples(int value) {
            noiseSamples = value;
            return this;
        }

        public Builder defaultRelativeSigma(double value) {
            defaultRelativeSigma = value;
            return this;
        }

        public Builder predictionSeed(long value) {
            predictionSeed = value;
            return this;
        }

        public Builder minRelativeSigma(double value) {
            minRelativeSigma = value;
            return this;
        }

        public Builder persistentStores(boolean value) {
            persistentStores = value;
            return this;
        }

        public Builder predictionInterval(Duration value) {
            predictionInterval = value;
            return this;
        }

        /** @param interval zero never waits longer under a backlog */
        public Builder predictionBacklog(Duration interval, long records) {
            predictionBacklogInterval = interval;
            predictionBacklogRecords = records;
            return this;
        }

        public Builder earliestTimestamp(Instant value) {
            earliestTimestamp = value;
            return this;
        }

        public Builder producersPartitionByLotId(boolean value) {
            producersPartitionByLotId = value;
            return this;
        }

        public Builder lotPartitions(int value) {
            lotPartitions = value;
            return this;
        }

        public Builder lotHopMisroutedOnly(boolean value) {
            lotHopMisroutedOnly = value;
            return this;
        }

        /** @param maxIdle zero keeps lots forever */
        public Builder lotRetention(Duration maxIdle, Duration sweepInterval, int sweepBatch) {
            lotRetention = maxIdle;
            lotRetentionSweepInterval = sweepInterval;
            lotRetentionSweepBatch = sweepBatch;
            return this;
        }

        public ScreenerSettings build() {
            return new ScreenerSettings(modelName, readingPolicy, minTotal, maxTotal, maxFutureSkew, requireLotInfo,
                    threshold, thresholdUnit, alertProbability, alertHysteresis, minReadingsForAlert, topAttributions,
                    noiseSamples, defaultRelativeSigma, predictionSeed, minRelativeSigma, persistentStores,
                    predictionInterval, earliestTimestamp, producersPartitionByLotId, lotPartitions, lotHopMisroutedOnly,
                    lotRetention,
                    lotRetentionSweepInterval, lotRetentionSweepBatch, predictionBacklogInterval,
                    predictionBacklogRecords);
        }
    }
}
