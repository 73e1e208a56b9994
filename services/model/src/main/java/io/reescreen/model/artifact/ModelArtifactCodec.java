package io.reescreen.model.artifact;

import io.reescreen.model.ensemble.EnsembleWeights;
import io.reescreen.model.ensemble.NetworkShape;
import io.reescreen.model.ensemble.Parameter;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.predict.TrainingDomain;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.MajorOxide;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model artifact bytes: {@code "REESCRN1"} magic, format version (int), payload length (int), payload,
 * SHA-256 of everything before it. Decoding checks magic, version, length and checksum, then parses the
 * whole payload into host values before anything is built, so bad bytes are rejected and never
 * half-loaded. Big-endian throughout.
 */
public final class ModelArtifactCodec {

    /**
     * Version 2 added the relative residual term, version 3 the log-scale one ({@code IntervalCalibration}); older
     * bytes still load, without the terms they lack, and predict exactly as they did.
     */
    public static final int FORMAT_VERSION = 3;
    private static final int OLDEST_READABLE_VERSION = 1;
    private static final byte[] MAGIC = "REESCRN1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4 + 4;
    private static final int CHECKSUM = 32;
    /** Far above any real artifact (a 30-member ensemble is ~70 KB); guards against absurd lengths. */
    private static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    private ModelArtifactCodec() {
    }

    public static byte[] encode(ModelArtifact artifact) {
        ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payloadBytes)) {
            out.writeUTF(ModelArtifact.INPUT_UNIT);
            out.writeUTF(ModelArtifact.TARGET_UNIT);
            List<MajorOxide> oxides = artifact.features().oxides();
            out.writeInt(oxides.size());
            for (MajorOxide o : oxides) {
                out.writeUTF(o.formula());
            }
            writeDoubles(out, artifact.inputScaler().mean());
            writeDoubles(out, artifact.inputScaler().std());
            writeDoubles(out, artifact.targetScaler().mean());
            writeDoubles(out, artifact.targetScaler().std());
            writeDoubles(out, artifact.domain().mean());
            for (double[] row : artifact.domain().covariance()) {
                writeDoubles(out, row);
            }
            writeDoubles(out, artifact.domain().median());
            NetworkShape shape = artifact.weights().shape();
            out.writeInt(shape.members());
            out.writeInt(shape.inputs());
            out.writeInt(shape.hidden1());
            out.writeInt(shape.hidden2());
            out.writeInt(shape.outputs());
            for (Parameter p : Parameter.values()) {
                float[] values = artifact.weights().get(p);
                out.writeInt(values.length);
                for (float v : values) {
                    out.writeFloat(v);
                }
            }
            Map<String, String> summary = new TreeMap<>(artifact.trainingSummary());
            out.writeInt(summary.size());
            for (Map.Entry<String, String> e : summary.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            Map<String, Double> metrics = new TreeMap<>(artifact.metrics());
            out.writeInt(metrics.size());
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
            out.writeDouble(artifact.residualRelativeSd());
            out.writeDouble(artifact.residualLogSd());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        byte[] payload = payloadBytes.toByteArray();
        ByteBuffer bytes = ByteBuffer.allocate(HEADER + payload.length + CHECKSUM);
        bytes.put(MAGIC).putInt(FORMAT_VERSION).putInt(payload.length).put(payload);
        bytes.put(sha256(bytes.array(), HEADER + payload.length));
        return bytes.array();
    }

    public static ModelArtifact decode(byte[] bytes) throws InvalidArtifactException {
        if (bytes == null || bytes.length < HEADER + CHECKSUM) {
            throw new InvalidArtifactException("not a model artifact: " + (bytes == null ? "no bytes" : bytes.length + " bytes")
                    + ", shorter than header and checksum");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new InvalidArtifactException("not a model artifact: wrong magic bytes");
        }
        int version = in.getInt();
        if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
            throw new InvalidArtifactException("unsupported artifact format version " + version
                    + "; this build reads versions " + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION);
        }
        int length = in.getInt();
        if (length < 0 || length > MAX_PAYLOAD || bytes.length != HEADER + length + CHECKSUM) {
            throw new InvalidArtifactException("truncated or padded artifact: header says " + length
                    + " payload bytes, found " + (bytes.length - HEADER - CHECKSUM));
        }
        byte[] expected = Arrays.copyOfRange(bytes, HEADER + length, bytes.length);
        if (!MessageDigest.isEqual(expected, sha256(bytes, HEADER + length))) {
            throw new InvalidArtifactException("checksum mismatch: the artifact is corrupt");
        }
        try (DataInputStream payload = new DataInputStream(new ByteArrayInputStream(bytes, HEADER, length))) {
            ModelArtifact artifact = readPayload(payload, version);
            if (payload.available() != 0) {
                throw new InvalidArtifactException(payload.available() + " unread bytes after the payload");
            }
            return artifact;
        } catch (IOException | RuntimeException e) {
            throw new InvalidArtifactException("malformed artifact payload: " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of the whole artifact, as a model release carries it. */
    public static String sha256Hex(byte[] artifactBytes) {
        return HexFormat.of().formatHex(sha256(artifactBytes, artifactBytes.length));
    }

    private static ModelArtifact readPayload(DataInputStream in, int version) throws IOException, InvalidArtifactException {
        String inputUnit = in.readUTF();
        String targetUnit = in.readUTF();
        if (!inputUnit.equals(ModelArtifact.INPUT_UNIT) || !targetUnit.equals(ModelArtifact.TARGET_UNIT)) {
            throw new InvalidArtifactException("artifact units (" + inputUnit + "; " + targetUnit
                    + ") differ from this build's (" + ModelArtifact.INPUT_UNIT + "; " + ModelArtifact.TARGET_UNIT + ")");
        }
        int featureCount = boundedCount(in, 10);
        List<MajorOxide> oxides = new ArrayList<>();
        for (int i = 0; i < featureCount; i++) {
            oxides.add(MajorOxide.fromFormula(in.readUTF()));
        }
        StandardScaler inputScaler = new StandardScaler(readDoubles(in), readDoubles(in));
        StandardScaler targetScaler = new StandardScaler(readDoubles(in), readDoubles(in));
        double[] domainMean = readDoubles(in);
        double[][] covariance = new double[domainMean.length][];
        for (int i = 0; i < covariance.length; i++) {
            covariance[i] = readDoubles(in);
        }
        TrainingDomain domain = new TrainingDomain(domainMean, covariance, readDoubles(in));
        NetworkShape shape = new NetworkShape(boundedCount(in, 1024), boundedCount(in, 10), boundedCount(in, 4096),
                boundedCount(in, 4096), boundedCount(in, 1024));
        Map<Parameter, float[]> tensors = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            int size = in.readInt();
            if (size != p.size(shape)) {
                throw new InvalidArtifactException(p + " has " + size + " values, the shape needs " + p.size(shape));
            }
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = in.readFloat();
            }
            tensors.put(p, values);
        }
        Map<String, String> summary = new TreeMap<>();
        for (int i = boundedCount(in, 10_000); i > 0; i--) {
            summary.put(in.readUTF(), in.readUTF());
        }
        Map<String, Double> metrics = new TreeMap<>();
        for (int i = boundedCount(in, 10_000); i > 0; i--) {
            metrics.put(in.readUTF(), in.readDouble());
        }
        double residualRelativeSd = version >= 2 ? in.readDouble() : 0;
        double residualLogSd = version >= 3 ? in.readDouble() : 0;
        return new ModelArtifact(FeatureSet.of(oxides), inputScaler, targetScaler, domain,
                new EnsembleWeights(shape, tensors), summary, metrics, residualRelativeSd, residualLogSd);
    }

    private static int boundedCount(DataInputStream in, int max) throws IOException, InvalidArtifactException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new InvalidArtifactException("count " + n + " outside 0.." + max);
        }
        return n;
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException, InvalidArtifactException {
        double[] values = new double[boundedCount(in, 64)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
