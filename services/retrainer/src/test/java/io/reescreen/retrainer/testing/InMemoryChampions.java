package io.reescreen.retrainer.testing;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.schemas.ModelRelease;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The base and each site's model in force, as the champion tracker would hold them: a published release becomes
 * its key's champion at once (the base's without a site, else its site's), as models.served would make it.
 */
public final class InMemoryChampions implements RetrainingLoop.ChampionSource, RetrainingLoop.ReleasePublisher {

    /** One model in force. */
    public record Model(String version, ModelArtifact artifact) implements RetrainingLoop.ChampionSource {
    }

    private Model base;
    private final Map<String, Model> sites = new HashMap<>();
    public final List<ModelRelease> published = new ArrayList<>();

    public InMemoryChampions(String baseVersion, ModelArtifact baseArtifact) {
        this.base = new Model(baseVersion, baseArtifact);
    }

    /** Gives a site a model of its own, as a release published before the test would have. */
    public InMemoryChampions withSiteModel(String siteId, String version, ModelArtifact artifact) {
        sites.put(siteId, new Model(version, artifact));
        return this;
    }

    @Override
    public String version() {
        return base.version();
    }

    @Override
    public ModelArtifact artifact() {
        return base.artifact();
    }

    @Override
    public RetrainingLoop.ChampionSource ofSite(String siteId) {
        Model own = sites.get(siteId);
        return own != null ? own : base;
    }

    @Override
    public void publish(ModelRelease release) {
        published.add(release);
        ByteBuffer b = release.getArtifact().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        Model model;
        try {
            model = new Model(release.getVersion(), ModelArtifactCodec.decode(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (release.getSiteId() == null) {
            base = model;
        } else {
            sites.put(release.getSiteId(), model);
        }
    }
}
