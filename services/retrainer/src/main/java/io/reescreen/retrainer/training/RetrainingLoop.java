package io.reescreen.retrainer.training;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.TrainingExample;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrainer's core, free of Kafka and HTTP: it collects training examples, and every {@code retrainEvery} new
 * ones (or when asked, by a schedule or an operator) trains a challenger on all examples so far, judges it against
 * the champion on held-out examples, and publishes it only if the gate accepts it. Every attempt is kept in the
 * history, accepted or not. Thread-safe: the example consumer, the scheduler and the HTTP endpoint may call it.
 */
public final class RetrainingLoop {

    /** The model in force: the latest accepted release of the model name, or the bootstrap. */
    public interface ChampionSource {
        String version();

        ModelArtifact artifact();
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

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingLoop.class);
    private static final int MAX_HISTORY = 100;

    private final String modelName;
    private final RetrainingSettings settings;
    private final int retrainEvery;
    private final ChampionSource champion;
    private final ReleasePublisher publisher;
    private final AttemptRecorder recorder;
    private final Clock clock;
    private final Map<String, TrainingExample> examples = new LinkedHashMap<>();
    private final ExampleLineage consumed = new ExampleLineage();
    // Written under the lock, read without it: status and health must answer while a retraining holds the lock.
    private volatile List<RetrainingOutcome> history = List.of();
    private volatile int newSinceLastAttempt;
    private volatile int exampleCount;

    public RetrainingLoop(String modelName, RetrainingSettings settings, int retrainEvery, ChampionSource champion,
                          ReleasePublisher publisher, Clock clock) {
        this(modelName, settings, retrainEvery, champion, publisher, AttemptRecorder.NONE, clock);
    }

    public RetrainingLoop(String modelName, RetrainingSettings settings, int retrainEvery, ChampionSource champion,
                          ReleasePublisher publisher, AttemptRecorder recorder, Clock clock) {
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
     * not count as new); retrains when enough new ones have come.
     *
     * @return the attempt it triggered, if any
     */
    public synchronized Optional<RetrainingOutcome> add(TrainingExample example, String topic, int partition, long offset) {
        if (keep(example, topic, partition, offset)) {
            newSinceLastAttempt = newSinceLastAttempt + 1; // under the lock: one writer at a time
        }
        if (newSinceLastAttempt >= retrainEvery && examples.size() >= settings.minExamples()) {
            return Optional.of(retrainNow("every " + retrainEvery + " new examples"));
        }
        return Optional.empty();
    }

    /**
     * Takes an example that was there before this service started (read again from the topic on start-up): it
     * joins the training set but triggers nothing, so a restart does not retrain on examples already judged.
     */
    public synchronized void addHistory(TrainingExample example, String topic, int partition, long offset) {
        keep(example, topic, partition, offset);
    }

    private boolean keep(TrainingExample example, String topic, int partition, long offset) {
        boolean isNew = examples.remove(example.getExampleId()) == null;
        examples.put(example.getExampleId(), example);
        exampleCount = examples.size();
        consumed.add(topic, partition, offset);
        return isNew;
    }

    /** Examples that came since the last attempt (none: a scheduled attempt has nothing new to learn from). */
    public int newSinceLastAttempt() {
        return newSinceLastAttempt;
    }

    /** Whether there are enough examples to make a challenger at all. */
    public boolean canRetrain() {
        return exampleCount >= settings.minExamples();
    }

    /** Trains, judges and (if accepted) publishes now, on every example so far. */
    public synchronized RetrainingOutcome retrainNow(String trigger) {
        int pending = newSinceLastAttempt;
        newSinceLastAttempt = 0;
        List<TrainingExample> all = List.copyOf(examples.values());
        Dataset data = ExampleDataset.of(modelName + " examples", all);
        String championVersion = champion.version();
        ModelArtifact championArtifact = champion.artifact();
        GateDecision decision = new ChampionChallengerGate(settings).judge(championArtifact, data);
        Optional<String> published = Optional.empty();
        Optional<String> failure = Optional.empty();
        if (decision.accepted()) {
            try (Challenger challenger = new ChallengerTrainer(settings).train(championArtifact, data)) {
                ExampleLineage lineage = ExampleLineage.ofLabResults(all);
                consumed.ranges().forEach(r -> {
                    lineage.add(r.getTopic(), r.getPartition(), r.getFromOffset());
                    lineage.add(r.getTopic(), r.getPartition(), r.getToOffset());
                });
                ModelRelease release = ChallengerRelease.of(modelName, championVersion, challenger, decision, lineage,
                        clock.instant());
                publisher.publish(release);
                published = Optional.of(release.getVersion());
            } catch (RuntimeException e) {
                // Not published: the next example tries again, and the champion keeps serving meanwhile.
                LOG.error("an accepted challenger could not be published", e);
                failure = Optional.of(e.toString());
                newSinceLastAttempt = Math.max(pending, retrainEvery - 1);
            }
        }
        RetrainingOutcome outcome = new RetrainingOutcome(clock.instant(), trigger, all.size(), championVersion, decision,
                published, failure);
        LOG.info("retraining ({}): {}{}", trigger, decision.reason(),
                published.map(v -> "; published " + v).orElse(failure.map(f -> "; NOT published: " + f)
                        .orElse("; nothing published")));
        remember(outcome);
        recorder.record(outcome);
        return outcome;
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

    public int exampleCount() {
        return exampleCount;
    }

    /** The attempts so far, oldest first (the last hundred). */
    public List<RetrainingOutcome> history() {
        return history;
    }
}
