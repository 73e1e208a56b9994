package io.reescreen.simulator;

import io.reescreen.schemas.XrfReading;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The simulation without Kafka: the shots of a {@link SimulationPlan}, in publishing order. The screener's unit
 * tests use it for realistic readings with known truth; {@link XrfSimulator} publishes exactly these shots.
 * Infinite when the plan runs until stopped. Not thread-safe.
 */
public final class ShotGenerator implements Iterator<SimulatedShot> {

    /** Keeps the shot noise independent of the lot draw when both use the same seed. */
    private static final long SHOT_SEED_SALT = 0x9E3779B97F4A7C15L;

    private final SimulationPlan plan;
    private final List<XrfAnalyzer> analyzers;
    private final List<XrfAnalyzer> analyzersWithSilica;
    private final BadInputKind[] kinds;
    private final Random random;
    private final Set<String> publishedLotIds;
    private long index;
    private long unknownLots;

    public ShotGenerator(SimulationPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.analyzers = plan.analyzers().stream().map(XrfAnalyzer::new).toList();
        this.analyzersWithSilica = analyzers.stream().filter(a -> a.profile().reportsSiO2()).toList();
        this.kinds = plan.badInputKinds().toArray(new BadInputKind[0]);
        this.random = new Random(plan.seed() ^ SHOT_SEED_SALT);
        this.publishedLotIds = plan.lots().stream().map(SimulatedLot::lotId).collect(Collectors.toSet());
    }

    /** The plan's shots as a stream (infinite when the plan runs until stopped). */
    public static Stream<SimulatedShot> stream(SimulationPlan plan) {
        ShotGenerator generator = new ShotGenerator(plan);
        int characteristics = Spliterator.ORDERED | Spliterator.NONNULL;
        Spliterator<SimulatedShot> spliterator = plan.runsUntilStopped()
                ? Spliterators.spliteratorUnknownSize(generator, characteristics)
                : Spliterators.spliterator(generator, plan.totalReadings(), characteristics);
        return StreamSupport.stream(spliterator, false);
    }

    /** The first {@code count} good readings of {@code plan} (bad slots skipped), for tests that want only data. */
    public static List<XrfReading> goodReadings(SimulationPlan plan, int count) {
        List<XrfReading> readings = new ArrayList<>(count);
        ShotGenerator generator = new ShotGenerator(plan);
        while (readings.size() < count && generator.hasNext()) {
            SimulatedShot shot = generator.next();
            if (shot.isGood()) {
                readings.add(shot.reading());
            }
        }
        return readings;
    }

    public SimulationPlan plan() {
        return plan;
    }

    /** How many shots have been made so far. */
    public long shotsMade() {
        return index;
    }

    @Override
    public boolean hasNext() {
        return plan.runsUntilStopped() || index < plan.totalReadings();
    }

    @Override
    public SimulatedShot next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the plan's " + plan.totalReadings() + " readings are all made");
        }
        long i = index++;
        List<SimulatedLot> lots = plan.lots();
        SimulatedLot lot = lots.get((int) ((i / plan.shotsPerLot()) % lots.size()));
        String readingId = String.format("%s-r%08d", plan.runId(), i + 1);

        BadInputKind kind = null;
        if (plan.badInputFraction() > 0 && random.nextDouble() < plan.badInputFraction()) {
            kind = kinds[random.nextInt(kinds.length)];
        }
        List<XrfAnalyzer> eligible = kind == BadInputKind.IMPLAUSIBLE_TOTAL ? analyzersWithSilica : analyzers;
        XrfAnalyzer analyzer = eligible.get(random.nextInt(eligible.size()));
        XrfReading reading = analyzer.shoot(lot, readingId, plan.clock().timeOf(i), random);
        if (kind == null) {
            return SimulatedShot.good(lot, reading);
        }
        String unknownLotId = kind == BadInputKind.UNKNOWN_LOT ? unknownLotId(lot) : null;
        return BadInputInjector.inject(kind, lot, analyzer.profile(), reading, unknownLotId, random);
    }

    /** A lot id that looks like the site's others but is never published (and never the same twice). */
    private String unknownLotId(SimulatedLot lot) {
        String id;
        do {
            id = String.format("%s-%s-U%04d", lot.siteId(), plan.runId(), ++unknownLots);
        } while (publishedLotIds.contains(id));
        return id;
    }
}
