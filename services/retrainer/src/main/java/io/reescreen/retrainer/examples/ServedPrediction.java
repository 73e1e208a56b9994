package io.reescreen.retrainer.examples;

import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What the screener last predicted for a lot's total REE, all the hold check and the realised-accuracy comparison
 * need (a whole prediction, with its attributions, would be a much larger changelog record). Units: ppm by mole of
 * the REE oxides in the ash.
 *
 * @param modelVersion    the release that predicted it (at most 256 bytes, checked before it is kept)
 * @param modelSiteId     the site whose model it was; null: the base model (also for records kept before format 2)
 * @param thresholdPpmMol the screening threshold the prediction used, ppm mol of total REE (NaN before format 2)
 * @param probHigh        its P(total REE >= threshold), 0..1 (NaN before format 2)
 * @param predictedAtMs   when it was made, ms since the epoch (0 before format 2)
 */
public record ServedPrediction(String modelVersion, double meanPpmMol, double p05PpmMol, double p95PpmMol,
                               String modelSiteId, double thresholdPpmMol, double probHigh, long predictedAtMs) {

    /** Format 2 added the model's site, the threshold, P(high) and the time; format 1 records still read. */
    private static final int FORMAT = 2;

    /** The hold check's figures only. */
    ServedPrediction(String modelVersion, double meanPpmMol, double p05PpmMol, double p95PpmMol) {
        this(modelVersion, meanPpmMol, p05PpmMol, p95PpmMol, null, Double.NaN, Double.NaN, 0L);
    }

    static final Serde<ServedPrediction> SERDE = Serdes.serdeFrom((topic, p) -> p == null ? null : p.toBytes(),
            (topic, bytes) -> bytes == null ? null : fromBytes(bytes));

    /** The total-REE estimate of {@code prediction}, or null when it has none with finite figures. */
    public static ServedPrediction of(ReePrediction prediction) {
        if (prediction.getOutputs() == null) {
            return null;
        }
        for (ReeEstimate e : prediction.getOutputs()) {
            if (e.getTarget() == ReeTarget.TOTAL_REE && Double.isFinite(e.getMeanPpmMol())
                    && Double.isFinite(e.getP05PpmMol()) && Double.isFinite(e.getP95PpmMol())) {
                return new ServedPrediction(String.valueOf(prediction.getModelVersion()), e.getMeanPpmMol(),
                        e.getP05PpmMol(), e.getP95PpmMol(), prediction.getModelSiteId(),
                        prediction.getThresholdTotalReePpmMol(), prediction.getProbTotalAtOrAboveThreshold(),
                        prediction.getPredictedAt().toEpochMilli());
            }
        }
        return null;
    }

    /**
     * Half the width of the 99.9 % interval, ppm mol. The prediction carries its 5-95 % interval; under a normal
     * approximation that is 2 × 1.645 σ wide, and the 99.9 % interval is ± 3.29 σ: the same width as the 90 % one.
     */
    double halfWidth999PpmMol() {
        return p95PpmMol - p05PpmMol;
    }

    /**
     * Why {@code labTotalPpmMol} lies beyond the 99.9 % interval by more than {@code factor}: above its upper bound
     * times the factor, or below its lower bound divided by it; or null. A ratio, not a count of half-widths: the
     * served interval is often narrow (ensemble and input noise), and a site's systematic offset of 1.5 to 2 times is
     * exactly what retraining is for, whereas a unit slip or a swapped sample is off by far more.
     */
    String beyond(double labTotalPpmMol, double factor) {
        double half = halfWidth999PpmMol();
        if (factor <= 0 || !(half >= 0) || !Double.isFinite(labTotalPpmMol)) {
            return null; // nothing to judge against
        }
        double low = meanPpmMol - half;
        double high = meanPpmMol + half;
        boolean above = high > 0 && labTotalPpmMol > high * factor;
        boolean below = low > 0 && labTotalPpmMol < low / factor;
        if (!above && !below) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "lab total REE %.1f ppm mol; %s predicted %.1f (99.9 %% interval "
                + "%.1f .. %.1f): %s the interval by more than a factor %.1f", labTotalPpmMol, modelVersion, meanPpmMol,
                low, high, above ? "above" : "below", factor);
    }

    private byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeText(out, modelVersion);
            out.writeDouble(meanPpmMol);
            out.writeDouble(p05PpmMol);
            out.writeDouble(p95PpmMol);
            out.writeBoolean(modelSiteId != null);
            if (modelSiteId != null) {
                writeText(out, modelSiteId);
            }
            out.writeDouble(thresholdPpmMol);
            out.writeDouble(probHigh);
            out.writeLong(predictedAtMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ServedPrediction fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readByte();
            if (format != 1 && format != FORMAT) {
                throw new IllegalStateException("served prediction format " + format + " is not 1 or " + FORMAT);
            }
            String modelVersion = readText(in);
            double mean = in.readDouble();
            double p05 = in.readDouble();
            double p95 = in.readDouble();
            if (format == 1) {
                return new ServedPrediction(modelVersion, mean, p05, p95);
            }
            String site = in.readBoolean() ? readText(in) : null;
            return new ServedPrediction(modelVersion, mean, p05, p95, site, in.readDouble(), in.readDouble(),
                    in.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServedPrediction p && p.modelVersion.equals(modelVersion)
                && Objects.equals(p.modelSiteId, modelSiteId) && p.predictedAtMs == predictedAtMs
                && Arrays.equals(new double[] {meanPpmMol, p05PpmMol, p95PpmMol, thresholdPpmMol, probHigh},
                new double[] {p.meanPpmMol, p.p05PpmMol, p.p95PpmMol, p.thresholdPpmMol, p.probHigh});
    }

    @Override
    public int hashCode() {
        return modelVersion.hashCode();
    }
}
