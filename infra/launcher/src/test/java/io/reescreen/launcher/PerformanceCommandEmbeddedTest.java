package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ScreeningOutcome;
import io.reescreen.schemas.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./reescreen performance} on comparisons recorded on the embedded broker: one before the window, four of
 * this test's two sites inside it (the sites' names are this run's, so other classes' records on the topic do not
 * count in their rows).
 */
@ExtendWith(EmbeddedStackExtension.class)
class PerformanceCommandEmbeddedTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SITE_A = "A-" + RUN;
    private static final String SITE_B = "B-" + RUN;
    /** Later than anything already on the topic, so that offsetsForTimes finds this test's records. */
    private static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(60);

    private static EmbeddedStack stack;

    @BeforeAll
    static void recordComparisons(EmbeddedStack embedded) throws Exception {
        stack = embedded;
        try (KafkaProducer<String, ModelPerformance> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), stack.serdes().valueSerde(ModelPerformance.class).serializer())) {
            send(producer, FROM.minusSeconds(30), comparison(SITE_A, "v1", 100, 900, false, ScreeningOutcome.FALSE_POSITIVE));
            send(producer, FROM.plusSeconds(1), comparison(SITE_A, "v1", 100, 110, true, ScreeningOutcome.TRUE_NEGATIVE));
            send(producer, FROM.plusSeconds(2), comparison(SITE_A, "v1", 300, 270, false, ScreeningOutcome.TRUE_POSITIVE));
            send(producer, FROM.plusSeconds(3), comparison(SITE_A, "v2", 200, 200, true, ScreeningOutcome.TRUE_NEGATIVE));
            send(producer, FROM.plusSeconds(4), comparison(SITE_B, "v1", 100, 150, true, ScreeningOutcome.TRUE_NEGATIVE));
            producer.flush();
        }
    }

    @Test
    void thePerformanceTablePrintsEachSiteAndVersionOfTheWindowWithItsUnits() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.run("performance", "--from", FROM.toString(), "--bootstrap-servers",
                stack.bootstrapServers(), "--registry-url", stack.registryUrl()), run.err());
        List<String> rows = rows(run.out(), SITE_A);
        assertEquals(2, rows.size(), run.out());
        // v1: |110-100| + |270-300| = 40 over 400: 10 %; MAPE (10 % + 10 %) / 2; 1 of 2 inside; precision 1/1;
        // one true positive and one true negative
        assertTrue(rows.get(0).matches(SITE_A + "\\s+v1\\s+base\\s+2\\s+10\\.0\\s+10\\.0\\s+50\\.0\\s+\\S+\\s+100\\.0\\s+100\\.0\\s+1/0/0/1"),
                rows.get(0));
        assertTrue(rows.get(1).matches(SITE_A + "\\s+v2\\s+base\\s+1\\s+0\\.0\\s+0\\.0\\s+100\\.0\\s+\\S+\\s+-\\s+-\\s+0/0/0/1"),
                rows.get(1));
        assertEquals(1, rows(run.out(), SITE_B).size());
        assertTrue(run.out().contains("ppm mol"), "units named: " + run.out());
    }

    @Test
    void siteLeavesOutEveryOtherSite() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.run("performance", "--from", FROM.toString(), "--site", SITE_B, "--bootstrap-servers",
                stack.bootstrapServers(), "--registry-url", stack.registryUrl()), run.err());
        assertEquals(1, rows(run.out(), SITE_B).size(), run.out());
        assertEquals(0, rows(run.out(), SITE_A).size(), run.out());
    }

    @Test
    void aWindowThatIsNotATimeIsAOneLineUserError() {
        CapturedRun run = new CapturedRun();
        assertEquals(2, run.run("performance", "--from", "last tuesday", "--bootstrap-servers",
                stack.bootstrapServers(), "--registry-url", stack.registryUrl()));
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    private static List<String> rows(String out, String site) {
        return out.lines().filter(l -> l.startsWith(site + " ")).toList();
    }

    private static void send(KafkaProducer<String, ModelPerformance> producer, Instant at, ModelPerformance c) {
        producer.send(new ProducerRecord<>(Topics.MODEL_PERFORMANCE.name(), null, at.toEpochMilli(), c.getLotId(), c));
    }

    private static ModelPerformance comparison(String site, String version, double lab, double predicted,
                                               boolean inside, ScreeningOutcome outcome) {
        return LabComparisons.of("L-" + RUN, site, version, null, lab, predicted, inside, outcome);
    }
}
