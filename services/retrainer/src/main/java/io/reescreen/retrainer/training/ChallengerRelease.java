package io.reescreen.retrainer.training;

import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.schemas.ModelMetric;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The models.releases record for an accepted challenger: the self-contained artifact with its checksum, the
 * parent (the champion it beat), the gate's figures as metrics, how it was trained, and the lineage of its
 * examples. Refuses a challenger the gate rejected, so a rejected model cannot be published by mistake.
 */
public final class ChallengerRelease {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ChallengerRelease() {
    }

    /** A release of the base model. */
    public static ModelRelease of(String modelName, String parentVersion, Challenger challenger, GateDecision decision,
                                  ExampleLineage lineage, Instant now) {
        return of(modelName, Optional.empty(), parentVersion, challenger, decision, lineage, now);
    }

    /** @param siteId the site whose model this is (its examples only); empty for the base model */
    public static ModelRelease of(String modelName, Optional<String> siteId, String parentVersion, Challenger challenger,
                                  GateDecision decision, ExampleLineage lineage, Instant now) {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(siteId, "siteId");
        if (!decision.accepted()) {
            throw new IllegalArgumentException("the gate rejected this challenger: " + decision.reason());
        }
        ModelArtifact artifact = challenger.artifact(decision.metrics());
        byte[] bytes = ModelArtifactCodec.encode(artifact);
        String sha = ModelArtifactCodec.sha256Hex(bytes);
        List<ModelMetric> metrics = new ArrayList<>();
        decision.metrics().forEach((name, value) -> metrics.add(new ModelMetric(name, value, unitOf(name))));
        return ModelRelease.newBuilder()
                .setModelName(modelName)
                .setVersion(challenger.method() + "-" + STAMP.format(now) + "-" + sha.substring(0, 8))
                .setParentVersion(parentVersion)
                .setAction(ReleaseAction.PUBLISH)
                .setCreatedAt(now)
                .setFeatures(artifact.features().oxides().stream()
                        .map(SchemaEnums::oxide).toList())
                .setMetrics(metrics)
                .setTrainingSettings(Map.copyOf(challenger.summary()))
                .setLineage(lineage.ranges())
                .setArtifactFormatVersion(ModelArtifactCodec.FORMAT_VERSION)
                .setArtifact(ByteBuffer.wrap(bytes))
                .setArtifactSha256(sha)
                .setNote(decision.reason())
                .setSiteId(siteId.orElse(null))
                .build();
    }

    /** Metric names end in their unit. */
    private static String unitOf(String name) {
        if (name.endsWith("_pct")) {
            return "percent";
        }
        if (name.endsWith("_count")) {
            return "count";
        }
        return name.endsWith("_fraction") ? "fraction" : "unitless";
    }
}
