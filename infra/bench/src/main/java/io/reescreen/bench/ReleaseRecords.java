package io.reescreen.bench;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import java.nio.ByteBuffer;
import java.time.Instant;

/** The benchmarks' model releases, built as the retrainer builds a PUBLISH release of a model artifact. */
public final class ReleaseRecords {

    private ReleaseRecords() {
    }

    /** A PUBLISH release of {@code artifact}, whose encoded bytes are {@code bytes}; set a site id on it for a site. */
    public static ModelRelease.Builder publish(ModelArtifact artifact, byte[] bytes, String modelName, String version,
                                               String note) {
        return ModelRelease.newBuilder()
                .setModelName(modelName)
                .setVersion(version)
                .setAction(ReleaseAction.PUBLISH)
                .setCreatedAt(Instant.now())
                .setFeatures(artifact.features().oxides().stream().map(SchemaEnums::oxide).toList())
                .setArtifactFormatVersion(ModelArtifactCodec.FORMAT_VERSION)
                .setArtifact(ByteBuffer.wrap(bytes))
                .setArtifactSha256(ModelArtifactCodec.sha256Hex(bytes))
                .setNote(note);
    }
}
