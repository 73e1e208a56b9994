package io.reescreen.screener.serving;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models in force: the base model and, through {@link SiteModels}, each site's own; shared by every stream thread of one KafkaStreams instance and swapped by the global thread
 * that reads models.releases. Reads are lock-free ({@link #acquire()} retains the current model); swaps are
 * serialised. A replaced model is closed when its last lease closes, never under a running prediction.
 *
 * <p>Until a release is accepted the bootstrap model serves; its version starts with {@value #BOOTSTRAP_PREFIX},
 * e.g. {@code bootstrap-synthetic-3f2a9c01d4e5}, so every prediction made with it says so.
 */
public final class CurrentModel implements ModelSource, AutoCloseable {

    public static final String BOOTSTRAP_PREFIX = BootstrapModel.VERSION_PREFIX;
    private static final Logger LOG = LoggerFactory.getLogger(CurrentModel.class);

    private final ModelArtifact bootstrapArtifact;
    private final ModelInfo bootstrapInfo;
    private final AtomicReference<ServedModel> current;
    private final SiteModels sites = new SiteModels();
    /** What served last, so {@link #info()} stays answerable after {@link #close()} (shutdown ordering). */
    private volatile ModelInfo lastInfo;
    /** An accepted release (models.served) this instance could not serve, and why; null when it serves what was
     *  accepted. Other instances may serve it: the instances disagree until this clears. */
    private volatile String disagreement;

    private CurrentModel(ModelArtifact bootstrapArtifact, ModelInfo bootstrapInfo) {
        this.bootstrapArtifact = bootstrapArtifact;
        this.bootstrapInfo = bootstrapInfo;
        this.current = new AtomicReference<>(ServedModel.load(bootstrapInfo, bootstrapArtifact));
        this.lastInfo = bootstrapInfo;
    }

    /**
     * Serves {@code artifact} until a release arrives.
     *
     * @param modelName the release key this screener serves (settings), so predictions name it from the start
     * @param label     where the bootstrap came from, e.g. "synthetic" or "packaged"; goes into the version
     */
    public static CurrentModel bootstrap(String modelName, ModelArtifact artifact, String label) {
        Objects.requireNonNull(artifact, "artifact");
        String sha = ModelArtifactCodec.sha256Hex(ModelArtifactCodec.encode(artifact));
        ModelInfo info = new ModelInfo(modelName, bootstrapVersion(label, sha), null, null, sha, artifact.features(),
                artifact.weights().shape().members(), System.currentTimeMillis());
        return new CurrentModel(artifact, info);
    }

    /** "bootstrap-&lt;label&gt;-&lt;first 12 hex digits of the artifact's SHA-256&gt;" ({@link BootstrapModel#version}). */
    public static String bootstrapVersion(String label, String artifactSha256) {
        return BootstrapModel.version(label, artifactSha256);
    }

    /** The model in force, described; after {@link #close()}, the one that served last. Never throws. */
    @Override
    public ModelInfo info() {
        ServedModel model = current.get();
        return model == null ? lastInfo : model.info();
    }

    /**
     * The release the gate accepted for this model name that this instance refused to serve (so it serves
     * {@link #info()} instead, and may disagree with other instances), with the reason; empty when it serves what
     * models.served says.
     */
    @Override
    public java.util.Optional<String> disagreement() {
        return java.util.Optional.ofNullable(disagreement);
    }

    /** Records that the accepted release {@code description} could not be served here. */
    public void disagrees(String description) {
        disagreement = Objects.requireNonNull(description, "description");
    }

    /** This instance serves what models.served says again. */
    public void agrees() {
        disagreement = null;
    }

    public ModelInfo bootstrapInfo() {
        return bootstrapInfo;
    }

    @Override
    public ModelLease acquire() {
        while (true) {
            ServedModel model = served();
            if (model.tryRetain()) {
                return new ModelLease(model);
            }
            // Lost a race with a swap that released the last reference: the new model is in place now.
        }
    }

    @Override
    public ModelLease acquire(String siteId) {
        return sites.acquire(siteId).orElseGet(this::acquire);
    }

    @Override
    public String routeOf(String siteId) {
        return sites.serves(siteId) ? siteId : null;
    }

    /** The site's own model in force; empty when its lots are scored with the base. */
    public java.util.Optional<ModelInfo> siteInfo(String siteId) {
        return sites.info(siteId);
    }

    /** Every site model in force, by site id (sites scored with the base are not in it). */
    @Override
    public java.util.Map<String, ModelInfo> siteModels() {
        return sites.all();
    }

    /**
     * Makes {@code next} the model of {@code siteId}; the base and every other site are untouched.
     *
     * @return the site's previous model, empty when its lots were scored with the base
     */
    public java.util.Optional<ModelInfo> swapSite(String siteId, ServedModel next) {
        return sites.swap(siteId, next);
    }

    /** The site's lots are scored with the base again (its release withdrawn). */
    public java.util.Optional<ModelInfo> withdrawSite(String siteId) {
        return sites.withdraw(siteId);
    }

    /** Records that the accepted release {@code description} for {@code siteId} could not be served here. */
    public void disagrees(String siteId, String description) {
        sites.disagrees(siteId, description);
    }

    /** This instance serves what models.served says for {@code siteId} again. */
    public void agrees(String siteId) {
        sites.agrees(siteId);
    }

    public java.util.Optional<String> siteDisagreement(String siteId) {
        return sites.disagreement(siteId);
    }

    /** Whether any model, the base's or a site's, differs here from what models.served says. */
    @Override
    public boolean disagreesAnywhere() {
        return disagreement != null || !sites.disagreements().isEmpty();
    }

    /**
     * Makes {@code next} the model in force; the previous one closes when its last lease does.
     *
     * @return the previous model's description
     */
    public synchronized ModelInfo swap(ServedModel next) {
        Objects.requireNonNull(next, "next");
        ServedModel previous = current.getAndSet(next);
        if (previous == null) {
            current.set(null);
            next.release();
            throw new IllegalStateException("this CurrentModel is closed");
        }
        lastInfo = next.info();
        previous.release();
        LOG.info("model {} {} now serves (was {})", next.info().modelName(), next.info().version(),
                previous.info().version());
        return previous.info();
    }

    /** Goes back to the bootstrap model (a withdrawn release), loading it afresh. */
    public synchronized ModelInfo revertToBootstrap() {
        ModelInfo now = info();
        if (now.isBootstrap()) {
            return now;
        }
        ModelInfo fresh = new ModelInfo(bootstrapInfo.modelName(), bootstrapInfo.version(), null, null,
                bootstrapInfo.artifactSha256(), bootstrapInfo.features(), bootstrapInfo.ensembleMembers(),
                System.currentTimeMillis());
        return swap(ServedModel.load(fresh, bootstrapArtifact));
    }

    /** Releases the models in force (each closes once running predictions finish); later acquires fail. */
    @Override
    public synchronized void close() {
        sites.close();
        ServedModel previous = current.getAndSet(null);
        if (previous != null) {
            lastInfo = previous.info();
            previous.release();
        }
    }

    private ServedModel served() {
        ServedModel model = current.get();
        if (model == null) {
            throw new IllegalStateException("this CurrentModel is closed");
        }
        return model;
    }
}
