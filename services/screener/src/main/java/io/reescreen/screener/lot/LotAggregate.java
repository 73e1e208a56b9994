package io.reescreen.screener.lot;

import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.OxideMolPct;
import io.reescreen.model.units.ClosureTo100;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.screener.enrich.EnrichedReading;
import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.screener.enrich.ShotComposition;
import io.reescreen.screener.state.BinaryStateSerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A lot's running composition over its shots, immutable (each shot makes a new one). Per oxide it keeps the
 * inverse-variance sums (the weighted mean and its standard error) and a Welford mean/M2 over the shots (the spread
 * between them). Oxides are weighted independently; the ten weighted means are then renormalised to 100 mol % by
 * the model library's {@link ClosureTo100}.
 *
 * <p>This is the value of the {@code lot-aggregates} store; {@link #toLotComposition()} is what lot.compositions
 * carries, {@link #inputSigmaMolPct()} the model's input noise.
 */
public final class LotAggregate {

    /**
     * At most this many analyzer ids are listed per lot (every shot still counts): the list travels in every
     * composition and changelog record, and a lot shot by thousands of distinct analyzers would otherwise grow them
     * past Kafka's record size limit.
     */
    public static final int MAX_ANALYZER_IDS = 64;

    /** The same bound for the sites a lot's shots came from (a lot that changes site at all is already flagged). */
    public static final int MAX_SITE_IDS = 16;

    private static final int N = MajorOxide.COUNT;

    private final String lotId;
    private final String siteId;
    private final AshOrigin ashOrigin;
    private final int shotCount;
    private final SortedSet<String> analyzerIds;
    private final long firstSampledAtMs;
    private final long lastSampledAtMs;
    private final String lastReadingId;
    private final long updatedAtMs;
    /** Every site a shot was attributed to, in order of first appearance (siteId is the latest shot's). */
    private final List<String> siteIds;
    private final double[] weightSum;
    private final double[] weightedSum;
    private final double[] shotMean;
    private final double[] shotM2;
    private final int[] byDifferenceShots;
    private final int[] belowDetectionShots;

    private LotAggregate(String lotId, String siteId, AshOrigin ashOrigin, int shotCount, SortedSet<String> analyzerIds,
                         long firstSampledAtMs, long lastSampledAtMs, String lastReadingId, long updatedAtMs,
                         List<String> siteIds, double[] weightSum, double[] weightedSum, double[] shotMean,
                         double[] shotM2, int[] byDifferenceShots, int[] belowDetectionShots) {
        this.lotId = Objects.requireNonNull(lotId, "lotId");
        this.siteId = siteId;
        this.ashOrigin = ashOrigin;
        this.shotCount = shotCount;
        this.analyzerIds = Collections.unmodifiableSortedSet(analyzerIds);
        this.firstSampledAtMs = firstSampledAtMs;
        this.lastSampledAtMs = lastSampledAtMs;
        this.lastReadingId = lastReadingId;
        this.updatedAtMs = updatedAtMs;
        this.siteIds = List.copyOf(siteIds);
        this.weightSum = weightSum;
        this.weightedSum = weightedSum;
        this.shotMean = shotMean;
        this.shotM2 = shotM2;
        this.byDifferenceShots = byDifferenceShots;
        this.belowDetectionShots = belowDetectionShots;
    }

    /** A lot with no shots yet. */
    public static LotAggregate empty(String lotId) {
        return new LotAggregate(lotId, null, null, 0, new TreeSet<>(), Long.MAX_VALUE, Long.MIN_VALUE, null, 0,
                List.of(), new double[N], new double[N], new double[N], new double[N], new int[N], new int[N]);
    }

    /**
     * This lot with one more shot. The caller guarantees the shot is new (readingId dedupe happens before).
     *
     * @param defaultRelativeSigma sigma assumed where the reading reported none, fraction of the value
     * @param minRelativeSigma     floor on any sigma used as a weight, fraction of the value
     */
    public LotAggregate plus(EnrichedReading reading, double defaultRelativeSigma, double minRelativeSigma,
                             long updatedAtMs) {
        if (!lotId.equals(reading.lotId())) {
            throw new IllegalArgumentException("reading of lot " + reading.lotId() + " added to lot " + lotId);
        }
        ShotComposition shot = reading.shot();
        int n = shotCount + 1;
        double[] w = weightSum.clone();
        double[] wx = weightedSum.clone();
        double[] mean = shotMean.clone();
        double[] m2 = shotM2.clone();
        int[] byDiff = byDifferenceShots.clone();
        int[] bdl = belowDetectionShots.clone();
        for (MajorOxide o : MajorOxide.values()) {
            int i = o.ordinal();
            double x = shot.molPct(o);
            double sigma = shot.weightingSigmaMolPct(o, defaultRelativeSigma, minRelativeSigma);
            double weight = 1.0 / (sigma * sigma);
            w[i] += weight;
            wx[i] += weight * x;
            double delta = x - mean[i];
            mean[i] += delta / n;
            m2[i] += delta * (x - mean[i]);
        }
        shot.byDifferenceOxide().ifPresent(o -> byDiff[o.ordinal()]++);
        shot.belowDetection().forEach(o -> bdl[o.ordinal()]++);
        SortedSet<String> analyzers = new TreeSet<>(analyzerIds);
        if (analyzers.size() < MAX_ANALYZER_IDS) {
            analyzers.add(reading.analyzerId());
        }
        List<String> sites = siteIds;
        if (reading.siteId() != null && !siteIds.contains(reading.siteId()) && siteIds.size() < MAX_SITE_IDS) {
            sites = new ArrayList<>(siteIds);
            sites.add(reading.siteId());
        }
        return new LotAggregate(lotId,
                reading.siteId() != null ? reading.siteId() : siteId,
                reading.ashOrigin() != null ? reading.ashOrigin() : ashOrigin,
                n, analyzers, Math.min(firstSampledAtMs, reading.sampledAtMs()),
                Math.max(lastSampledAtMs, reading.sampledAtMs()), reading.readingId(), updatedAtMs,
                sites, w, wx, mean, m2, byDiff, bdl);
    }

    /**
     * This lot's shots, now known to be of {@code siteId}: for a lot whose metadata arrived after its readings
     * (their shots were attributed to no site). Unchanged when the lot already has a site: a lot that moves site
     * mid-lot is followed by its next shots instead, which {@link #siteIds()} records.
     */
    public LotAggregate withLateSite(String siteId, AshOrigin ashOrigin, long updatedAtMs) {
        Objects.requireNonNull(siteId, "siteId");
        if (this.siteId != null) {
            return this;
        }
        return new LotAggregate(lotId, siteId, this.ashOrigin != null ? this.ashOrigin : ashOrigin, shotCount,
                new TreeSet<>(analyzerIds), firstSampledAtMs, lastSampledAtMs, lastReadingId, updatedAtMs,
                List.of(siteId), weightSum.clone(), weightedSum.clone(), shotMean.clone(), shotM2.clone(),
                byDifferenceShots.clone(), belowDetectionShots.clone());
    }

    public String lotId() {
        return lotId;
    }

    public String siteId() {
        return siteId;
    }

    /** Every site the lot's shots were attributed to, in order of first appearance. */
    public List<String> siteIds() {
        return siteIds;
    }

    /** True when the lot's metadata changed site mid-lot, so this composition mixes shots of several sites. */
    public boolean mixesSites() {
        return siteIds.size() > 1;
    }

    public AshOrigin ashOrigin() {
        return ashOrigin;
    }

    public int shotCount() {
        return shotCount;
    }

    /** The lot's analyzers, the first {@link #MAX_ANALYZER_IDS} distinct ones to arrive. */
    public Set<String> analyzerIds() {
        return analyzerIds;
    }

    public long firstSampledAtMs() {
        return firstSampledAtMs;
    }

    public long lastSampledAtMs() {
        return lastSampledAtMs;
    }

    public String lastReadingId() {
        return lastReadingId;
    }

    public long updatedAtMs() {
        return updatedAtMs;
    }

    /** The inverse-variance weighted mean of each oxide, renormalised so the ten sum to 100 mol % (paper order). */
    public double[] meanMolPct() {
        double[] raw = weightedMeans();
        ClosureTo100 closure = ClosureTo100.of(raw);
        for (int i = 0; i < N; i++) {
            raw[i] = closure.closed(raw[i]);
        }
        return raw;
    }

    /** 1-sigma of each mean from the readings' own sigmas, 1/sqrt(sum of weights), on the renormalised scale. */
    public double[] standardErrorMolPct() {
        ClosureTo100 closure = ClosureTo100.of(weightedMeans());
        double[] se = new double[N];
        for (int i = 0; i < N; i++) {
            se[i] = closure.closedSigma(Math.sqrt(1.0 / weightSum[i]));
        }
        return se;
    }

    /** The inverse-variance weighted mean of each oxide before renormalising (paper order). */
    private double[] weightedMeans() {
        requireShots();
        double[] raw = new double[N];
        for (int i = 0; i < N; i++) {
            raw[i] = weightedSum[i] / weightSum[i];
        }
        return raw;
    }

    /** Sample standard deviation of each oxide across the shots (0 for one shot). */
    public double[] spreadMolPct() {
        double[] s = new double[N];
        if (shotCount >= 2) {
            for (int i = 0; i < N; i++) {
                s[i] = Math.sqrt(Math.max(0, shotM2[i]) / (shotCount - 1));
            }
        }
        return s;
    }

    /** The uncertainty of the lot's mean composition as the model's input noise (per oxide, as below). */
    public double[] inputSigmaMolPct() {
        double[] se = standardErrorMolPct();
        double[] spread = spreadMolPct();
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            out[i] = inputSigmaMolPct(se[i], spread[i], shotCount);
        }
        return out;
    }

    /**
     * The input noise of one oxide's mean: the standard error from the readings' sigmas, or the spread between shots
     * over sqrt(n) when the shots disagree more than their sigmas say (a heterogeneous lot), whichever is larger.
     * The rescore computes it from a lot.compositions record the same way, so both score the same bits.
     */
    public static double inputSigmaMolPct(double standardErrorMolPct, double spreadMolPct, int shotCount) {
        return Math.max(standardErrorMolPct, shotCount >= 2 ? spreadMolPct / Math.sqrt(shotCount) : 0);
    }

    /** Oxides taken by difference in at least one shot. */
    public Set<MajorOxide> byDifferenceOxides() {
        return oxidesWith(byDifferenceShots);
    }

    /** Oxides below detection in at least one shot. */
    public Set<MajorOxide> belowDetectionOxides() {
        return oxidesWith(belowDetectionShots);
    }

    private static Set<MajorOxide> oxidesWith(int[] counts) {
        EnumSet<MajorOxide> out = EnumSet.noneOf(MajorOxide.class);
        for (MajorOxide o : MajorOxide.values()) {
            if (counts[o.ordinal()] > 0) {
                out.add(o);
            }
        }
        return out;
    }

    /** What lot.compositions carries for this lot. */
    public LotComposition toLotComposition() {
        double[] mean = meanMolPct();
        double[] spread = spreadMolPct();
        double[] se = standardErrorMolPct();
        List<OxideMolPct> oxides = new ArrayList<>(N);
        for (MajorOxide o : MajorOxide.values()) {
            int i = o.ordinal();
            oxides.add(OxideMolPct.newBuilder().setOxide(SchemaEnums.oxide(o)).setMeanMolPct(mean[i])
                    .setSpreadMolPct(spread[i]).setStandardErrorMolPct(se[i])
                    .setByDifference(byDifferenceShots[i] > 0).build());
        }
        return LotComposition.newBuilder()
                .setLotId(lotId)
                .setSiteId(siteId)
                .setAshOrigin(ashOrigin)
                .setShotCount(shotCount)
                .setAnalyzerIds(new ArrayList<>(analyzerIds))
                .setOxides(oxides)
                .setFirstSampledAt(Instant.ofEpochMilli(firstSampledAtMs))
                .setLastSampledAt(Instant.ofEpochMilli(lastSampledAtMs))
                .setLastReadingId(lastReadingId)
                .setUpdatedAt(Instant.ofEpochMilli(updatedAtMs))
                .setSiteIds(new ArrayList<>(siteIds))
                .build();
    }

    private void requireShots() {
        if (shotCount == 0) {
            throw new IllegalStateException("lot " + lotId + " has no shots yet");
        }
    }

    @Override
    public String toString() {
        return "LotAggregate{" + lotId + ", shots=" + shotCount + ", analyzers=" + analyzerIds + ", sites=" + siteIds
                + '}';
    }

    /** The store format: version 2 adds the site list at the end; version 1 reads with the one site it names. */
    public static final BinaryStateSerde<LotAggregate> SERDE = new BinaryStateSerde<>("LotAggregate", 2,
            LotAggregate::write, LotAggregate::read);

    private static void write(LotAggregate a, DataOutputStream out) throws IOException {
        out.writeUTF(a.lotId);
        BinaryStateSerde.writeNullableUtf(out, a.siteId);
        BinaryStateSerde.writeNullableUtf(out, a.ashOrigin == null ? null : a.ashOrigin.name());
        out.writeInt(a.shotCount);
        out.writeInt(a.analyzerIds.size());
        for (String id : a.analyzerIds) {
            out.writeUTF(id);
        }
        out.writeLong(a.firstSampledAtMs);
        out.writeLong(a.lastSampledAtMs);
        BinaryStateSerde.writeNullableUtf(out, a.lastReadingId);
        out.writeLong(a.updatedAtMs);
        for (int i = 0; i < N; i++) {
            out.writeDouble(a.weightSum[i]);
            out.writeDouble(a.weightedSum[i]);
            out.writeDouble(a.shotMean[i]);
            out.writeDouble(a.shotM2[i]);
            out.writeInt(a.byDifferenceShots[i]);
            out.writeInt(a.belowDetectionShots[i]);
        }
        out.writeInt(a.siteIds.size());
        for (String site : a.siteIds) {
            out.writeUTF(site);
        }
    }

    private static LotAggregate read(DataInputStream in, int version) throws IOException {
        String lotId = in.readUTF();
        String siteId = BinaryStateSerde.readNullableUtf(in);
        String origin = BinaryStateSerde.readNullableUtf(in);
        AshOrigin ashOrigin = origin == null ? null : SchemaEnums.ashOrigin(origin);
        int shots = in.readInt();
        SortedSet<String> analyzers = new TreeSet<>();
        for (int i = in.readInt(); i > 0; i--) {
            analyzers.add(in.readUTF());
        }
        long first = in.readLong();
        long last = in.readLong();
        String lastReading = BinaryStateSerde.readNullableUtf(in);
        long updated = in.readLong();
        double[] w = new double[N];
        double[] wx = new double[N];
        double[] mean = new double[N];
        double[] m2 = new double[N];
        int[] byDiff = new int[N];
        int[] bdl = new int[N];
        for (int i = 0; i < N; i++) {
            w[i] = in.readDouble();
            wx[i] = in.readDouble();
            mean[i] = in.readDouble();
            m2[i] = in.readDouble();
            byDiff[i] = in.readInt();
            bdl[i] = in.readInt();
        }
        List<String> sites = new ArrayList<>();
        if (version >= 2) {
            for (int i = in.readInt(); i > 0; i--) {
                sites.add(in.readUTF());
            }
        } else if (siteId != null) {
            sites.add(siteId);
        }
        return new LotAggregate(lotId, siteId, ashOrigin, shots, analyzers, first, last, lastReading, updated,
                sites, w, wx, mean, m2, byDiff, bdl);
    }
}
