package io.reescreen.retrainer.champion;

import io.reescreen.model.artifact.InvalidArtifactException;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import java.nio.ByteBuffer;

/**
 * A release's model, checked as the screener checks it before serving (known action, a version that is not a
 * bootstrap's, the SHA-256 it declares, bytes the codec reads), so the retrainer never takes as champion a release
 * that no screener serves.
 */
final class ReleaseArtifact {

    private ReleaseArtifact() {
    }

    static ModelArtifact decode(ModelRelease release) throws InvalidArtifactException {
        if (release.getAction() == null || release.getAction() == ReleaseAction.UNKNOWN) {
            throw new InvalidArtifactException("action " + release.getAction() + " is not one the screener serves");
        }
        String version = release.getVersion();
        if (version == null || version.isBlank() || version.startsWith(BootstrapModel.VERSION_PREFIX)) {
            throw new InvalidArtifactException("version '" + version + "' is blank or a bootstrap model's");
        }
        ByteBuffer buffer = release.getArtifact().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        String sha = ModelArtifactCodec.sha256Hex(bytes);
        if (!sha.equalsIgnoreCase(release.getArtifactSha256())) {
            throw new InvalidArtifactException("artifact has SHA-256 " + sha + ", the release says "
                    + release.getArtifactSha256());
        }
        return ModelArtifactCodec.decode(bytes);
    }
}
