package io.reescreen.bench.board;

import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.MajorOxide;
import io.reescreen.schemas.OxideAttribution;
import io.reescreen.schemas.OxideMolPct;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A yard of many lots for the board's table: each lot's composition ({@code lot.compositions}) and prediction
 * ({@code ree.predictions}) as the screener writes them, spread over three sites and a range of total REE, so that
 * sorting has work to do. Faster than screening readings, and the board reads only these topics for its table.
 */
final class YardLots {

    private static final String[] SITES = {"YARD-A", "YARD-B", "YARD-C"};

    private YardLots() {
    }

    /** Publishes {@code count} lots (ids BENCH-LOT-{run}-{n}) and waits until the broker has them all. */
    static void publish(String bootstrapServers, RegistrySerdes serdes, String run, int count) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        Instant now = Instant.now();
        try (KafkaProducer<String, ReePrediction> predictions = new KafkaProducer<>(p, new StringSerializer(),
                serdes.valueSerde(ReePrediction.class).serializer());
             KafkaProducer<String, LotComposition> compositions = new KafkaProducer<>(p, new StringSerializer(),
                     serdes.valueSerde(LotComposition.class).serializer())) {
            for (int n = 0; n < count; n++) {
                String lotId = "BENCH-LOT-" + run + "-" + n;
                // Total REE 100..399 ppm mol and P(high) 0.05..0.95, in an order unrelated to the lot number.
                double total = 100 + (n * 7919L) % 300;
                double probHigh = 0.05 + ((n * 104729L) % 91) / 100.0;
                Instant at = now.minusMillis(count - n);
                compositions.send(new ProducerRecord<>(Topics.LOT_COMPOSITIONS.name(), lotId,
                        composition(lotId, SITES[n % SITES.length], 1 + n % 5, at)));
                predictions.send(new ProducerRecord<>(Topics.REE_PREDICTIONS.name(), lotId,
                        prediction(lotId, at, total, probHigh)));
            }
            compositions.flush();
            predictions.flush();
        }
    }

    private static ReePrediction prediction(String lotId, Instant at, double totalPpmMol, double probHigh) {
        List<ReeEstimate> outputs = new ArrayList<>();
        for (ReeTarget t : ReeTarget.values()) {
            double mean = t == ReeTarget.TOTAL_REE ? totalPpmMol : totalPpmMol / 16;
            outputs.add(ReeEstimate.newBuilder().setTarget(t).setMeanPpmMol(mean).setStdPpmMol(mean / 10)
                    .setP05PpmMol(mean * 0.8).setP95PpmMol(mean * 1.2).build());
        }
        return ReePrediction.newBuilder().setLotId(lotId).setPredictedAt(at).setModelName("bench")
                .setModelVersion("bench-board").setReadingCount(3).setOutputs(outputs)
                .setThresholdTotalReePpmMol(157).setProbTotalAtOrAboveThreshold(probHigh).setOutOfDomain(false)
                .setDomainDistanceMahalanobis(1.0).setAttributionBaselinePpmMol(150)
                .setAttributions(List.of(OxideAttribution.newBuilder().setOxide(MajorOxide.Al2O3)
                        .setContributionPpmMol(22).build()))
                .setByDifferenceOxides(List.of(MajorOxide.SiO2)).setEnsembleMembers(3).setNoiseSamples(16)
                .setModelSiteId(null).build();
    }

    private static LotComposition composition(String lotId, String site, int shots, Instant at) {
        List<OxideMolPct> oxides = new ArrayList<>();
        for (MajorOxide o : MajorOxide.values()) {
            oxides.add(OxideMolPct.newBuilder().setOxide(o).setMeanMolPct(100.0 / MajorOxide.values().length).build());
        }
        return LotComposition.newBuilder().setLotId(lotId).setSiteId(site).setShotCount(shots).setOxides(oxides)
                .setFirstSampledAt(at).setLastSampledAt(at).setLastReadingId("R-" + lotId + "-" + shots)
                .setUpdatedAt(at).build();
    }
}
