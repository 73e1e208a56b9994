package io.reescreen.retrainer.training;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.predict.IntervalCalibration;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.TrainingExample;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrainer's core, free of Kafka and HTTP: it collects training examples by site (the example's {@code siteId},
 * from the lot's metadata) and keeps one model per site that has lab results. Every {@code retrainEvery} new examples
 * of a site (or when asked, by a schedule or an operator) it transfers a challenger from the base model on that
 * site's examples only (the paper's recipe), judges it against that site's champion (the base model until the site
 * has its own) on that site's held-out examples, and publishes it as the site's release only if the gate accepts it.
 * Examples without a site train the base model by transfer as before. Once the examples of all sites together (and
 * those without a site) reach the full-retraining size, the base model's attempt is a full retraining instead
 * ({@link #retrainFromScratch}): the base trained from scratch on every site's examples, judged on held-out rows of every
 * site, and, once published, each site's own model re-transferred from it. With site models off, every example counts
 * as one without a site: one base model for all sites, as before site models (kept to compare the two strategies).
 * Every attempt is kept in the history, accepted or not. Thread-safe: the example consumer, the scheduler and the HTTP
 * endpoint may call it.
 */
public final class RetrainingLoop {

    /** The model in force: the latest accepted release of the model name, or the bootstrap. */
    public interface ChampionSource {
        String version();

        ModelArtifact artifact();

        /** A site's champion: its own model in force, else the base (every site's first champion is the base). */
        default ChampionSource ofSite(String siteId) {
            return this;
        }
    }

    /** Sends a release to models.releases; throws when it could not be sent. */
    public interface ReleasePublisher {
        void publish(ModelRelease release);
    }

    /** Keeps a record of every attempt beyond this process (models.attempts); must not throw. */
    public interface AttemptRecorder {
        void record(RetrainingOutcome outcome);

        AttemptRecorder NONE = outcome -> { };
    }

    /** The examples of one site (or, under the empty site, those without one) and what came since its last attempt. */
    private static final class SiteExamples {
        final Map<String, TrainingExample> examples = new LinkedHashMap<>();
        int newSinceLastAttempt;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingLoop.class);
    private static final int MAX_HISTORY = 100;
    private static final Optional<String> BASE = Optional.empty();

    private final String modelName;
    private final RetrainingSettings settings;
    private final int retrainEvery;
    private final ChampionSource champion;
    private final ReleasePublisher publisher;
    private final AttemptRecorder recorder;
    private final Clock clock;
    private final boolean siteModels;
    private final Map<Optional<String>, SiteExamples> sites = new LinkedHashMap<>();
    /** exampleId → its site: a re-sent lab result replaces its earlier example, even under another site. */
    private final Map<String, Optional<String>> siteOf = new HashMap<>();
    private final ExampleLineage consumed = new ExampleLineage();
    /** New examples of every site (and without one) since the base model's last attempt: full retraining's count. */
    private int newSinceBaseAttempt;
    // Written under the lock, read without it: status and health must answer while a retraining holds the lock.
    private volatile List<RetrainingOutcome> history = List.of();
    private volatile Map<Optional<String>, SiteCount> counts = Map.of();

    /** Examples of a site and how many came since its last attempt, as the status shows them. */
    public record SiteCount(int examples, int newSinceLastAttempt) {
    }

    public RetrainingLoop(String modelName, RetrainingSettings settings, int retrainEvery, ChampionSource champion,
                          ReleasePublisher publisher, Clock clock) {
        this(modelName, settings, retrainEvery, champion, publisher, AttemptRecorder.NONE, clock);
    }

    public RetrainingLoop(String modelName, RetrainingSettings settings, int retrainEvery, ChampionSource champion,
                          ReleasePublisher publisher, AttemptRecorder recorder, Clock clock) {
        this(modelName, settings, retrainEvery, champion, publisher, recorder, clock, true);
    }

    /** @param siteModels false: every example trains the one base model, whatever its site */
    public RetrainingLoop(String modelName, RetrainingSettings settings, int retrainEvery, ChampionSource champion,
                          ReleasePublisher publisher, AttemptRecorder recorder, Clock clock, boolean siteModels) {
        this.siteModels = siteModels;
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.champion = Objects.requireNonNull(champion, "champion");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retrainEvery < 1) {
            throw new IllegalArgumentException("retrainEvery must be >= 1, got " + retrainEvery);
        }
        this.retrainEvery = retrainEvery;
    }

    /**
     * Takes one example as read from training.examples (a re-sent lab result replaces its earlier example and does
     * not count as new); retrains its site's model when enough new examples of that site have come, and, from the
     * full-retraining size on, the base model from scratch when enough new examples of all sites have come.
     *
     * @return the attempt it triggered, if any (the first: a full retraining's re-transfers, and an attempt of the
     *         example's site after it, are in the history)
     */
    public synchronized Optional<RetrainingOutcome> add(TrainingExample example, String topic, int partition, long offset) {
        Optional<String> site = siteOf(example);
        SiteExamples of = sites.computeIfAbsent(site, s -> new SiteExamples());
        if (keep(example, topic, partition, offset)) {
            of.newSinceLastAttempt++;
            newSinceBaseAttempt++;
        }
        publishCounts();
        List<RetrainingOutcome> triggered = new ArrayList<>();
        if (fromScratch() && newSinceBaseAttempt >= retrainEvery) {
            triggered.addAll(retrainFromScratch("every " + retrainEvery + " new examples of all sites"));
        }
        if (of.newSinceLastAttempt >= retrainEvery && of.examples.size() >= settings.minExamples()) {
            triggered.add(retrain(site, "every " + retrainEvery + " new examples" + site.map(s -> " of " + s)
                    .orElse("")));
        }
        return triggered.stream().findFirst();
    }

    /**
     * Takes an example that was there before this service started (read again from the topic on start-up): it
     * joins the training set but triggers nothing, so a restart does not retrain on examples already judged.
     */
    public synchronized void addHistory(TrainingExample example, String topic, int partition, long offset) {
        keep(example, topic, partition, offset);
        publishCounts();
    }

    private boolean keep(TrainingExample example, String topic, int partition, long offset) {
        Optional<String> site = siteOf(example);
        Optional<String> before = siteOf.put(example.getExampleId(), site);
        boolean isNew = before == null;
        if (before != null) {
            sites.get(before).examples.remove(example.getExampleId());
        }
        sites.computeIfAbsent(site, s -> new SiteExamples()).examples.put(example.getExampleId(), example);
        consumed.add(topic, partition, offset);
        return isNew;
    }

    private Optional<String> siteOf(TrainingExample example) {
        String site = example.getSiteId();
        return !siteModels || site == null || site.isBlank() ? BASE : Optional.of(site);
    }

    private void publishCounts() {
        Map<Optional<String>, SiteCount> next = new LinkedHashMap<>();
        sites.forEach((site, of) -> next.put(site, new SiteCount(of.examples.size(), of.newSinceLastAttempt)));
        counts = Collections.unmodifiableMap(next);
    }

    /** Examples that came since their site's last attempt, all sites together (none: nothing new to learn from). */
    public int newSinceLastAttempt() {
        return counts.values().stream().mapToInt(SiteCount::newSinceLastAttempt).sum();
    }

    /** Per site (empty: examples without a site, which train the base model): examples and new since its last attempt. */
    public Map<Optional<String>, SiteCount> siteCounts() {
        return counts;
    }

    /** Whether some site has enough examples to make a challenger at all. */
    public boolean canRetrain() {
        return counts.values().stream().anyMatch(c -> c.examples() >= settings.minExamples());
    }

    /**
     * Trains, judges and (if accepted) publishes now, for one site on that site's examples, or with an empty site
     * for the base model: by transfer on the examples without a site, or, from the full-retraining size on, a full
     * retraining (its base attempt is returned; the sites' re-transfers are in the history).
     */
    public synchronized RetrainingOutcome retrainNow(String trigger, Optional<String> site) {
        return retrain(site, trigger);
    }

    /**
     * An attempt for every site that has examples ({@code pendingOnly}: only those with new examples since their last
     * attempt); the base model's alone, when no site has any, so an operator's request always answers with a reason.
     */
    public synchronized List<RetrainingOutcome> retrainAll(String trigger, boolean pendingOnly) {
        List<RetrainingOutcome> outcomes = new ArrayList<>();
        Set<Optional<String>> attempted = new HashSet<>();
        boolean full = fromScratch();
        if (full && (!pendingOnly || newSinceBaseAttempt > 0)) {
            outcomes.addAll(retrainFromScratch(trigger));
            outcomes.forEach(o -> attempted.add(o.siteId()));
        }
        for (Map.Entry<Optional<String>, SiteExamples> e : List.copyOf(sites.entrySet())) {
            if (attempted.contains(e.getKey()) || e.getKey().isEmpty() && full) {
                continue; // re-transferred just now, or (the examples without a site) part of the full retraining
            }
            if (!e.getValue().examples.isEmpty() && (!pendingOnly || e.getValue().newSinceLastAttempt > 0)) {
                outcomes.add(retrain(e.getKey(), trigger));
            }
        }
        if (outcomes.isEmpty() && !pendingOnly) {
            outcomes.add(retrain(BASE, trigger));
        }
        return outcomes;
    }

    private RetrainingOutcome retrain(Optional<String> site, String trigger) {
        if (site.isEmpty() && fromScratch()) {
            return retrainFromScratch(trigger).get(0);
        }
        ChampionSource base = champion;
        return transfer(site, trigger, base.version(), base.artifact()).outcome();
    }

    /** Whether the base model's attempt is a full retraining: the examples of all sites reach the full-retraining size. */
    private boolean fromScratch() {
        return sites.values().stream().mapToInt(of -> of.examples.size()).sum() >= settings.fullRetrainMinExamples();
    }

    /**
     * Full retraining, now, whatever the number of examples (at least the minimum): the base model trained from scratch
     * on every site's examples and those without a site, the site being the unit of stratification of the gate's
     * held-out rows (so the new base is judged against the base champion at every site) and of the rows that calibrate
     * its intervals. Once it is published, each site that has its own model gets its head re-transferred from the new
     * base on that site's examples, each judged by its own gate against the site's model in force; a site whose
     * re-transfer is rejected keeps its model.
     *
     * @return the base model's attempt first, then each site's re-transfer
     */
    public synchronized List<RetrainingOutcome> retrainFromScratch(String trigger) {
        int pendingBase = newSinceBaseAttempt;
        newSinceBaseAttempt = 0;
        SiteExamples noSite = sites.get(BASE);
        int pendingNoSite = noSite == null ? 0 : noSite.newSinceLastAttempt;
        if (noSite != null) {
            noSite.newSinceLastAttempt = 0;
        }
        publishCounts();
        // Every example id is under one site only (keep), so each row's site lines up with the dataset's row.
        List<TrainingExample> all = new ArrayList<>();
        List<String> siteOfRow = new ArrayList<>();
        sites.forEach((site, of) -> of.examples.values().forEach(e -> {
            all.add(e);
            siteOfRow.add(site.orElse(""));
        }));
        Dataset data = ExampleDataset.of(modelName + " examples of every site", all);
        ChampionSource base = champion;
        String baseVersion = base.version();
        IntervalCalibration heldOut = new IntervalCalibration(PredictionSettings.defaults());
        GateDecision decision = new ChampionChallengerGate(settings).judgeFromScratch(base.artifact(), data, siteOfRow,
                heldOut);
        Attempt full = conclude(BASE, trigger, all, baseVersion, decision,
                () -> new ChallengerTrainer(settings).trainFromScratch(data, heldOut)
                        .noting("examples_by_site", examplesBySite(siteOfRow)),
                () -> {
                    newSinceBaseAttempt = Math.max(pendingBase, retrainEvery - 1);
                    if (noSite != null) {
                        noSite.newSinceLastAttempt = pendingNoSite;
                    }
                });
        List<RetrainingOutcome> outcomes = new ArrayList<>(List.of(full.outcome()));
        full.published().ifPresent(newBase -> {
            String newVersion = full.outcome().publishedVersion().orElseThrow();
            for (Map.Entry<Optional<String>, SiteExamples> e : List.copyOf(sites.entrySet())) {
                if (e.getKey().isPresent() && hasOwnModel(e.getKey().get()) && !e.getValue().examples.isEmpty()) {
                    outcomes.add(transfer(e.getKey(), "re-transfer from the new base " + newVersion + " (" + trigger + ")",
                            newVersion, newBase).outcome());
                }
            }
        });
        return outcomes;
    }

    /** A site has its own model when its champion is not the base's (which every site starts with). */
    private boolean hasOwnModel(String siteId) {
        return !champion.ofSite(siteId).version().equals(champion.version());
    }

    private static String examplesBySite(List<String> siteOfRow) {
        Map<String, Integer> counts = new TreeMap<>();
        siteOfRow.forEach(s -> counts.merge(s.isEmpty() ? "(no site)" : s, 1, Integer::sum));
        return counts.toString();
    }

    /**
     * A transfer attempt from {@code baseArtifact}: a site's model on that site's examples, judged against the site's
     * champion; or, with an empty site, the base model on the examples without a site.
     */
    private Attempt transfer(Optional<String> site, String trigger, String baseVersion, ModelArtifact baseArtifact) {
        SiteExamples of = sites.computeIfAbsent(site, s -> new SiteExamples());
        int pending = of.newSinceLastAttempt;
        of.newSinceLastAttempt = 0;
        int pendingBase = newSinceBaseAttempt;
        if (site.isEmpty()) {
            newSinceBaseAttempt = 0; // a base attempt: the count towards full retraining starts again, as before sites
        }
        publishCounts();
        List<TrainingExample> all = List.copyOf(of.examples.values());
        Dataset data = ExampleDataset.of(modelName + site.map(s -> " " + s).orElse("") + " examples", all);
        ChampionSource siteChampion = site.map(champion::ofSite).orElse(champion);
        String championVersion = siteChampion.version();
        ModelArtifact championArtifact = siteChampion.artifact();
        ChampionChallengerGate gate = new ChampionChallengerGate(settings);
        GateDecision decision = site.isPresent() ? gate.judgeTransfer(baseArtifact, championArtifact, data)
                : gate.judge(championArtifact, data);
        ChallengerTrainer trainer = new ChallengerTrainer(settings);
        return conclude(site, trigger, all, championVersion, decision,
                () -> site.isPresent() ? trainer.train(baseArtifact, data, true).noting("transfer.base_version", baseVersion)
                        : trainer.train(championArtifact, data),
                // Not published: the site's next example tries again, and its champion keeps serving meanwhile.
                () -> {
                    of.newSinceLastAttempt = Math.max(pending, retrainEvery - 1);
                    if (site.isEmpty()) {
                        newSinceBaseAttempt = Math.max(pendingBase, retrainEvery - 1);
                    }
                });
    }

    /** An attempt's outcome, and the model it published (what the sites are re-transferred from). */
    private record Attempt(RetrainingOutcome outcome, Optional<ModelArtifact> published) {
    }

    /**
     * Trains the challenger the gate accepted, publishes it with its parent (the champion it beat) and its examples'
     * lineage, and records the attempt, accepted or not. On a failure to publish, {@code retryLater} keeps the count
     * so the next example tries again.
     */
    private Attempt conclude(Optional<String> site, String trigger, List<TrainingExample> examples,
                             String championVersion, GateDecision decision, Supplier<Challenger> training,
                             Runnable retryLater) {
        Optional<String> published = Optional.empty();
        Optional<ModelArtifact> artifact = Optional.empty();
        Optional<String> failure = Optional.empty();
        if (decision.accepted()) {
            try (Challenger challenger = training.get()) {
                ExampleLineage lineage = ExampleLineage.ofLabResults(examples);
                consumed.ranges().forEach(r -> {
                    lineage.add(r.getTopic(), r.getPartition(), r.getFromOffset());
                    lineage.add(r.getTopic(), r.getPartition(), r.getToOffset());
                });
                ModelRelease release = ChallengerRelease.of(modelName, site, championVersion, challenger, decision,
                        lineage, clock.instant());
                ModelArtifact model = challenger.artifact(decision.metrics());
                publisher.publish(release);
                published = Optional.of(release.getVersion());
                artifact = Optional.of(model);
            } catch (RuntimeException e) {
                LOG.error("an accepted challenger{} could not be published", site.map(s -> " for " + s).orElse(""), e);
                failure = Optional.of(e.toString());
                retryLater.run();
                publishCounts();
            }
        }
        RetrainingOutcome outcome = new RetrainingOutcome(clock.instant(), trigger, examples.size(), championVersion,
                decision, published, failure, site);
        LOG.info("retraining {} ({}): {}{}", site.orElse("the base model"), trigger, decision.reason(),
                published.map(v -> "; published " + v).orElse(failure.map(f -> "; NOT published: " + f)
                        .orElse("; nothing published")));
        remember(outcome);
        recorder.record(outcome);
        return new Attempt(outcome, artifact);
    }

    /** An attempt recorded before this process started (models.attempts), so the history survives restarts. */
    public synchronized void restoreHistory(RetrainingOutcome earlier) {
        remember(earlier);
    }

    private void remember(RetrainingOutcome outcome) {
        List<RetrainingOutcome> next = new ArrayList<>(history);
        next.add(outcome);
        if (next.size() > MAX_HISTORY) {
            next.remove(0);
        }
        history = Collections.unmodifiableList(next);
    }

    /** Examples of every site. */
    public int exampleCount() {
        return counts.values().stream().mapToInt(SiteCount::examples).sum();
    }

    /** The attempts so far, oldest first (the last hundred), every site's. */
    public List<RetrainingOutcome> history() {
        return history;
    }
}
