package io.reescreen.bench.sites;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.retrainer.app.RetrainerProperties;
import io.reescreen.retrainer.app.RetrainerService;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.screener.predict.LotScorer;
import io.reescreen.screener.predict.LotToScore;
import io.reescreen.screener.rescore.CompositionLots;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ProducerSettings;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.XrfSimulator;
import io.reescreen.simulator.lab.LabHeaders;
import io.reescreen.simulator.lab.LabPlan;
import io.reescreen.simulator.lab.LabResultGenerator;
import io.reescreen.simulator.lab.SimulatedLabResult;
import io.reescreen.simulator.lab.SiteOffsets;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Issue 12's three-site scenario on an embedded broker and registry, with the screener and the retrainer in-process
 * (shared by {@code SitesEmbeddedTest} and {@code ./reescreen bench sites}).
 *
 * <ol>
 *   <li>Phase 1: N lots at each site, screened by the bootstrap (base) model; their lab results (each site's lab
 *       reading its offset times the synthetic truth) arrive in the {@link ArrivalOrder}; the retrainer, under the
 *       {@link Strategy}, makes its attempts (retrain-every N) and the screener serves what it publishes. A pulse of
 *       readings on one more lot per site shows when each site's predictions change model.</li>
 *   <li>Phase 2: new lots at each site, screened by whatever is in force; the same lots scored in-process by the base
 *       model through the screener's own scoring ({@link LotScorer} on the lot's composition), so before and after are
 *       compared on the same lots, not on two draws of lots.</li>
 * </ol>
 * Seeded throughout (lots, lab, the retrainer's splits, the screener's Monte-Carlo draws); the order in which the
 * broker's partitions hand over examples is the stack's.
 */
public final class SitesScenario {

    /** Readings per lot in phases 1 and 2. */
    static final int SHOTS = 4;
    /** The pulse: readings per second over one lot per site. */
    private static final double PULSE_READINGS_PER_SECOND = 12;

    /**
     * @param labResultsPerSite N: lab results per site, and the retrainer's retrain-every (at least its min-examples, 10)
     * @param newLotsPerSite    phase-2 lots per site
     * @param seed              lots, lab and phase 2 draw from it
     * @param bootstrapModel    the artifact both services start from (the base model)
     * @param gateRepetitions   the retrainer's gate repetitions (0: its default)
     * @param noiseSamples      the screener's Monte-Carlo draws per prediction (0: its default)
     * @param timeout           the longest any one step may take
     */
    public record Settings(Strategy strategy, ArrivalOrder order, List<Site> sites, int labResultsPerSite,
                           int newLotsPerSite, long seed, Path bootstrapModel, int gateRepetitions, int noiseSamples,
                           Duration timeout) {
        public Settings {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(order, "order");
            sites = List.copyOf(sites);
            Objects.requireNonNull(bootstrapModel, "bootstrapModel");
            Objects.requireNonNull(timeout, "timeout");
            if (sites.isEmpty() || labResultsPerSite < 10 || newLotsPerSite < 2 || gateRepetitions < 0 || noiseSamples < 0) {
                throw new IllegalArgumentException("need a site, >= 10 lab results and >= 2 new lots per site, "
                        + "non-negative gate repetitions and noise samples");
            }
        }

        String describe() {
            return strategy.label() + ", " + order.label();
        }
    }

    private final Settings settings;
    private final PrintStream progress;

    public SitesScenario(Settings settings, PrintStream progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Runs once on {@code stack}; {@code dir} holds the services' state. */
    public ScenarioOutcome run(EmbeddedStack stack, Path dir) throws Exception {
        long started = System.nanoTime();
        String id = settings.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                + settings.order().name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                + Long.toHexString(System.nanoTime()).substring(6);
        String modelName = "sites-" + id;
        List<String> siteIds = settings.sites().stream().map(Site::id).toList();
        int n = settings.labResultsPerSite();
        LabPlan lab = LabPlan.builder().seed(settings.seed()).labResultFraction(1.0)
                .siteOffsets(SiteOffsets.of(settings.sites().stream().collect(Collectors.toMap(Site::id, Site::labOffset))))
                .build();
        List<SimulatedLot> phase1 = LotMix.of(n * siteIds.size(), 0.3, settings.seed()).withSites(siteIds).draw("p1-" + id);
        List<SimulatedLot> phase2 = LotMix.of(settings.newLotsPerSite() * siteIds.size(), 0.3, settings.seed() + 1)
                .withSites(siteIds).draw("p2-" + id);
        List<SimulatedLot> pulse = LotMix.of(siteIds.size(), 0.3, settings.seed() + 2).withSites(siteIds).draw("pulse-" + id);
        Map<String, String> siteOfPulse = pulse.stream().collect(Collectors.toMap(SimulatedLot::lotId, SimulatedLot::siteId));
        Set<String> phase1Ids = ids(phase1);
        Set<String> phase2Ids = ids(phase2);

        progress.printf(Locale.ROOT, "[%s] starting the screener and the retrainer (model %s)%n", settings.describe(), modelName);
        Observed seen = new Observed(siteOfPulse);
        try (ScreenerService screener = ScreenerService.start(screenerConfig(stack, dir, id, modelName));
             RetrainerService retrainer = RetrainerService.start(retrainerConfig(stack, dir, id, modelName));
             TopicTail<ReePrediction> predictions = new TopicTail<>(stack.bootstrapServers(), Topics.REE_PREDICTIONS.name(),
                     stack.serdes().valueSerde(ReePrediction.class).deserializer(),
                     k -> phase1Ids.contains(k) || phase2Ids.contains(k) || siteOfPulse.containsKey(k), seen::prediction);
             TopicTail<LotComposition> compositions = new TopicTail<>(stack.bootstrapServers(),
                     Topics.LOT_COMPOSITIONS.name(), stack.serdes().valueSerde(LotComposition.class).deserializer(),
                     phase2Ids::contains, seen::composition);
             TopicTail<TrainingExample> examples = new TopicTail<>(stack.bootstrapServers(), Topics.TRAINING_EXAMPLES.name(),
                     stack.serdes().valueSerde(TrainingExample.class).deserializer(), k -> true,
                     (k, e) -> seen.example(e, phase1Ids));
             TopicTail<ModelPerformance> performance = new TopicTail<>(stack.bootstrapServers(),
                     Topics.MODEL_PERFORMANCE.name(), stack.serdes().valueSerde(ModelPerformance.class).deserializer(),
                     phase1Ids::contains, (k, p) -> seen.comparison(p))) {
            Duration timeout = settings.timeout();
            screener.awaitRunning(timeout);
            retrainer.awaitReady(timeout);
            String base = screener.model().info().version();
            if (!base.equals(retrainer.runtime().champion().version())) {
                throw new IllegalStateException("the services start from different models: " + base + " and "
                        + retrainer.runtime().champion().version());
            }

            progress.printf(Locale.ROOT, "[%s] phase 1: %d lots screened by the base model %s%n", settings.describe(),
                    phase1.size(), base);
            screen(stack, screener, phase1, "p1-" + id, seen, lot -> base, timeout);

            Map<String, Instant> lastResultAt = new HashMap<>();
            try (XrfSimulator pulses = new XrfSimulator(stack.bootstrapServers(), stack.serdes(),
                    SimulationPlan.builder().runId("pulse-" + id).seed(settings.seed()).lots(pulse).shotsPerLot(1)
                            .readingsPerSecond(PULSE_READINGS_PER_SECOND).untilStopped().recordReadingIds(false)
                            .clock(ShotClock.wall()).build())) {
                pulses.start();
                List<SimulatedLabResult> results = LabResultGenerator.generate(phase1, lab);
                int sent = 0;
                for (List<SimulatedLabResult> batch : settings.order().batches(results, siteIds)) {
                    lastResultAt.putAll(send(stack, batch));
                    sent += batch.size();
                    int attempts = sent / n;
                    progress.printf(Locale.ROOT, "[%s] %d lab results sent (%s); waiting for attempt %d%n",
                            settings.describe(), sent, batch.stream().map(SimulatedLabResult::siteId).distinct()
                                    .collect(Collectors.joining(", ")), attempts);
                    await("the retrainer's attempt " + attempts, timeout,
                            () -> retrainer.runtime().loop().history().size() >= attempts);
                    Map<String, String> expected = inForce(retrainer.runtime().loop().history(), siteIds, base);
                    await("the screener serving " + expected, timeout, () -> serves(screener, expected)
                            && expected.entrySet().stream().allMatch(e -> seen.pulseSaw(e.getKey(), e.getValue())));
                    predictions.check();
                }
                pulses.stop();
            }
            List<RetrainingOutcome> attempts = retrainer.runtime().loop().history();
            for (RetrainingOutcome a : attempts) {
                progress.printf(Locale.ROOT, "[%s]   attempt %s: %s%n", settings.describe(), a.siteId().orElse("base"),
                        a.decision().reason() + a.publishedVersion().map(v -> "; published " + v).orElse(""));
            }
            Map<String, String> inForce = inForce(attempts, siteIds, base);

            progress.printf(Locale.ROOT, "[%s] phase 2: %d new lots screened by the models in force%n", settings.describe(),
                    phase2.size());
            screen(stack, screener, phase2, "p2-" + id, seen, lot -> inForce.get(lot.siteId()), timeout);
            await("phase 2's compositions", timeout, () -> seen.compositionsComplete(phase2Ids));
            Map<String, ReePrediction> baseOnPhase2 = scoreWithBase(screener, phase2, seen);
            Map<String, Double> labTotals = new HashMap<>();
            LabResultGenerator.generate(phase2, lab).forEach(r -> labTotals.put(r.lotId(), r.expectedTotalPpmMol()));

            int expectedJoins = phase1.size();
            await("every lab result joined and compared", timeout,
                    () -> seen.joined() >= expectedJoins && seen.comparisons() >= expectedJoins);
            Thread.sleep(1000); // a duplicate comparison, were there one, would show by now
            examples.check();
            performance.check();

            List<SiteOutcome> sites = new ArrayList<>();
            for (Site site : settings.sites()) {
                List<String> lots = phase2.stream().filter(l -> l.siteId().equals(site.id())).map(SimulatedLot::lotId).toList();
                Map<String, ReePrediction> after = seen.latest(lots);
                sites.add(new SiteOutcome(site, SiteAccuracy.of(lots, baseOnPhase2, labTotals),
                        SiteAccuracy.of(lots, after, labTotals), inForce.get(site.id()),
                        screener.model().siteInfo(site.id()).map(i -> i.version()),
                        timeToNewModel(site.id(), lastResultAt.get(site.id()), attempts, seen),
                        lots.stream().allMatch(l -> sameTotal(after.get(l), baseOnPhase2.get(l)))));
            }
            return new ScenarioOutcome(settings, base, sites, attempts, seen.joined(), seen.comparisons(),
                    seen.comparedLabResults().size(), seen.comparedLabResults().equals(seen.joinedLabResults()),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private Map<String, Object> screenerConfig(EmbeddedStack stack, Path dir, String id, String modelName) {
        Map<String, Object> c = common(stack, "screener", "sites-screener-" + id, dir.resolve("screener-" + id));
        c.put(ScreenerSettings.MODEL_NAME, modelName);
        c.put("reescreen.screener.bootstrap-model", settings.bootstrapModel().toString());
        if (settings.noiseSamples() > 0) {
            c.put(ScreenerSettings.NOISE_SAMPLES, settings.noiseSamples());
        }
        return c;
    }

    private Map<String, Object> retrainerConfig(EmbeddedStack stack, Path dir, String id, String modelName) {
        Map<String, Object> c = common(stack, "retrainer", "sites-retrainer-" + id, dir.resolve("retrainer-" + id));
        c.put(RetrainerProperties.MODEL_NAME, modelName);
        c.put(RetrainerProperties.BOOTSTRAP_MODEL, settings.bootstrapModel().toString());
        c.put(RetrainerProperties.RETRAIN_EVERY, settings.labResultsPerSite());
        c.put(RetrainerProperties.SITE_MODELS, settings.strategy().siteModels());
        if (settings.gateRepetitions() > 0) {
            c.put(RetrainerProperties.GATE_REPETITIONS, settings.gateRepetitions());
        }
        return c;
    }

    private static Map<String, Object> common(EmbeddedStack stack, String service, String applicationId, Path state) {
        Map<String, Object> c = new HashMap<>();
        c.put("kafka.bootstrap.servers", stack.bootstrapServers());
        c.put("reescreen.registry.url", stack.registryUrl());
        c.put("kafka.streams." + service + ".application.id", applicationId);
        c.put("kafka.streams." + service + ".state.dir", state.toString());
        c.put("micronaut.server.port", -1);
        return c;
    }

    /** {@link #SHOTS} readings per lot; waits for each lot's prediction over all of them by the version expected. */
    private static void screen(EmbeddedStack stack, ScreenerService screener, List<SimulatedLot> lots, String runId,
                               Observed seen, Function<SimulatedLot, String> version, Duration timeout)
            throws Exception {
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        registerLots(stack, screener, lots, start, timeout);
        SimulationPlan plan = SimulationPlan.builder().runId(runId).seed(9).lots(lots).shotsPerLot(SHOTS)
                .totalReadings((long) SHOTS * lots.size())
                .clock(ShotClock.stepping(start, Duration.ofMillis(100)))
                .build();
        try (XrfSimulator simulator = new XrfSimulator(stack.bootstrapServers(), stack.serdes(), plan)) {
            simulator.run();
        }
        Predicate<SimulatedLot> done = l -> {
            ReePrediction p = seen.latest(l.lotId());
            return p != null && p.getReadingCount() == SHOTS && p.getModelVersion().equals(version.apply(l));
        };
        await(lots.size() + " lots' predictions", timeout, () -> lots.stream().allMatch(done), () -> lots.stream()
                .filter(done.negate()).limit(5).map(l -> l.lotId() + " expected " + version.apply(l) + ", latest "
                        + Optional.ofNullable(seen.latest(l.lotId())).map(p -> p.getModelVersion() + "@"
                        + p.getModelSiteId() + " over " + p.getReadingCount() + " readings").orElse("none"))
                .collect(Collectors.joining("; ")) + seen.failure());
    }

    /**
     * Publishes the lots' metadata and waits until the screener holds it (GET /lots/{id}), before any reading: a lot is
     * registered before it is read, so every reading is scored with its site's model. (The simulator publishes the
     * same metadata again, with the same updatedAt.) Without this wait a lot whose metadata reached the screener after
     * all its readings kept the base model's prediction, which a phase-2 wait for the site's model never saw.
     */
    private static void registerLots(EmbeddedStack stack, ScreenerService screener, List<SimulatedLot> lots,
                                     Instant updatedAt, Duration timeout) throws Exception {
        Serializer<LotInfo> serializer = stack.serdes().valueSerde(LotInfo.class)
                .serializer();
        String topic = Topics.LOTS.name();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.of(stack.bootstrapServers(),
                "bench-sites-lots", Map.of()), new StringSerializer(), new ByteArraySerializer())) {
            for (SimulatedLot lot : lots) {
                producer.send(new ProducerRecord<>(topic, lot.lotId(), serializer.serialize(topic, lot.toLotInfo(updatedAt))));
            }
            producer.flush();
        }
        HttpClient http = HttpClient.newHttpClient();
        Set<String> unknown = ConcurrentHashMap.newKeySet();
        lots.forEach(l -> unknown.add(l.lotId()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!unknown.isEmpty()) {
            for (String lotId : List.copyOf(unknown)) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        screener.uri().resolve("/lots/" + lotId)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    unknown.remove(lotId);
                }
            }
            if (!unknown.isEmpty() && System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeout + ": the screener holding the metadata of "
                        + unknown.size() + " lots");
            }
            Thread.sleep(100);
        }
    }

    /** Sends the batch in its order; returns, per site, when the broker acknowledged the site's last result in it. */
    private static Map<String, Instant> send(EmbeddedStack stack, List<SimulatedLabResult> batch) {
        Map<String, Instant> acknowledged = new ConcurrentHashMap<>();
        Serializer<LabResult> serializer = stack.serdes().valueSerde(LabResult.class).serializer();
        String topic = Topics.LAB_RESULTS.name();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.of(stack.bootstrapServers(),
                "bench-sites-lab", Map.of()), new StringSerializer(), new ByteArraySerializer())) {
            for (SimulatedLabResult r : batch) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(LabHeaders.LAB_RESULT_ID, r.labResultId().getBytes(StandardCharsets.UTF_8));
                byte[] value = serializer.serialize(topic, headers, r.labResult());
                producer.send(new ProducerRecord<>(topic, null, r.lotId(), value, headers), (metadata, error) -> {
                    if (error != null) {
                        throw new IllegalStateException("lab result " + r.labResultId() + " not sent", error);
                    }
                    acknowledged.merge(r.siteId(), Instant.now(), (a, b) -> a.isAfter(b) ? a : b);
                });
            }
            producer.flush();
        }
        return acknowledged;
    }

    /** Per site, the version that should serve it: its latest published release, else the base's, else the bootstrap. */
    static Map<String, String> inForce(List<RetrainingOutcome> attempts, List<String> siteIds, String bootstrap) {
        String base = bootstrap;
        Map<String, String> own = new HashMap<>();
        for (RetrainingOutcome a : attempts) {
            if (a.publishedVersion().isPresent()) {
                if (a.siteId().isPresent()) {
                    own.put(a.siteId().get(), a.publishedVersion().get());
                } else {
                    base = a.publishedVersion().get();
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        for (String s : siteIds) {
            out.put(s, own.getOrDefault(s, base));
        }
        return out;
    }

    private static boolean serves(ScreenerService screener, Map<String, String> expected) {
        return expected.entrySet().stream().allMatch(e -> screener.model().siteInfo(e.getKey()).map(i -> i.version())
                .orElse(screener.model().info().version()).equals(e.getValue()));
    }

    /**
     * From the site's N-th lab result to the first prediction of the site's lots by a version released (for the site
     * or for the base) by an attempt that ended after it.
     */
    private static double timeToNewModel(String site, Instant nthResult, List<RetrainingOutcome> attempts, Observed seen) {
        if (nthResult == null) {
            return Double.NaN;
        }
        Set<String> candidates = attempts.stream()
                .filter(a -> a.publishedVersion().isPresent() && a.at().isAfter(nthResult)
                        && (a.siteId().isEmpty() || a.siteId().get().equals(site)))
                .map(a -> a.publishedVersion().get()).collect(Collectors.toSet());
        Optional<Instant> first = candidates.stream().map(v -> seen.firstPulse(site, v)).flatMap(Optional::stream)
                .min(Instant::compareTo);
        return first.map(f -> Duration.between(nthResult, f).toNanos() / 1e9).orElse(Double.NaN);
    }

    /** The base model's predictions on the lots' compositions, scored as the screener scores them. */
    private static Map<String, ReePrediction> scoreWithBase(ScreenerService screener, List<SimulatedLot> lots, Observed seen) {
        LotScorer scorer = new LotScorer(screener.context().getBean(ScreenerSettings.class).scoringSettings());
        List<LotToScore> toScore = lots.stream().map(l -> CompositionLots.toScore(seen.composition(l.lotId()))).toList();
        try (ScreeningModel model = screener.bootstrapModel().artifact().load()) {
            Map<String, ReePrediction> out = new HashMap<>();
            for (ReePrediction p : scorer.scoreAll(toScore, screener.model().bootstrapInfo(), model,
                    System.currentTimeMillis())) {
                out.put(p.getLotId(), p);
            }
            return out;
        }
    }

    private static boolean sameTotal(ReePrediction a, ReePrediction b) {
        ReeEstimate x = SiteAccuracy.total(a);
        ReeEstimate y = SiteAccuracy.total(b);
        return x.getMeanPpmMol() == y.getMeanPpmMol() && x.getP05PpmMol() == y.getP05PpmMol()
                && x.getP95PpmMol() == y.getP95PpmMol();
    }

    private static Set<String> ids(List<SimulatedLot> lots) {
        return lots.stream().map(SimulatedLot::lotId).collect(Collectors.toUnmodifiableSet());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        await(what, timeout, condition, () -> "");
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition,
                              Supplier<String> detail) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeout + ": " + what + " " + detail.get());
            }
            Thread.sleep(20);
        }
    }

    /** What the tails saw, written by their threads. */
    private static final class Observed {
        private final Map<String, String> siteOfPulse;
        private final Map<String, ReePrediction> latest = new ConcurrentHashMap<>();
        private final Map<String, Instant> firstPulse = new ConcurrentHashMap<>();
        private final Map<String, LotComposition> compositions = new ConcurrentHashMap<>();
        private final Set<String> joinedLabResults = ConcurrentHashMap.newKeySet();
        private final List<String> compared = Collections.synchronizedList(new ArrayList<>());

        Observed(Map<String, String> siteOfPulse) {
            this.siteOfPulse = siteOfPulse;
        }

        private volatile String failure = "";

        String failure() {
            return failure;
        }

        void prediction(String lotId, ReePrediction p) {
            if (p.getPredictedAt() == null) {
                failure = "; a prediction of " + lotId + " without predictedAt";
            }
            latest.put(lotId, p);
            String site = siteOfPulse.get(lotId);
            if (site != null) {
                firstPulse.merge(site + "|" + p.getModelVersion(), p.getPredictedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }

        void composition(String lotId, LotComposition c) {
            compositions.put(lotId, c);
        }

        void example(TrainingExample e, Set<String> lots) {
            if (lots.contains(e.getLotId())) {
                joinedLabResults.add(e.getLabResultId());
            }
        }

        void comparison(ModelPerformance p) {
            compared.add(p.getLabResultId());
        }

        ReePrediction latest(String lotId) {
            return latest.get(lotId);
        }

        Map<String, ReePrediction> latest(List<String> lotIds) {
            Map<String, ReePrediction> out = new HashMap<>();
            lotIds.forEach(l -> out.put(l, latest.get(l)));
            return out;
        }

        boolean pulseSaw(String site, String version) {
            return firstPulse.containsKey(site + "|" + version);
        }

        Optional<Instant> firstPulse(String site, String version) {
            return Optional.ofNullable(firstPulse.get(site + "|" + version));
        }

        boolean compositionsComplete(Set<String> lotIds) {
            return lotIds.stream().allMatch(l -> compositions.containsKey(l) && compositions.get(l).getShotCount() == SHOTS);
        }

        LotComposition composition(String lotId) {
            return compositions.get(lotId);
        }

        int joined() {
            return joinedLabResults.size();
        }

        Set<String> joinedLabResults() {
            return Set.copyOf(joinedLabResults);
        }

        int comparisons() {
            return compared.size();
        }

        Set<String> comparedLabResults() {
            synchronized (compared) {
                return new HashSet<>(compared);
            }
        }
    }
}
