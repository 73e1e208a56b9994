package io.reescreen.retrainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.transfer.TransferSettings;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.schemas.KafkaOffsetRange;
import io.reescreen.schemas.ModelMetric;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.TrainingExample;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChallengerReleaseTest {

    private static final Instant NOW = Instant.parse("2025-06-04T10:15:30Z");

    @Test
    void anAcceptedChallengerBecomesASelfContainedReleaseWithItsParentMetricsAndLineage() throws Exception {
        Dataset reference = new SyntheticAshGenerator(SyntheticSpec.withSeed(1)).generate(80);
        ModelArtifact champion;
        try (ScreeningModel model = EnsembleFitting.fit(reference, TrainingRecipe.paper().withMembers(2)
                .withSettings(TrainingSettings.paper().withEpochs(10)), EnsembleTrainer.Progress.NONE)) {
            champion = ModelArtifact.of(model, Map.of(), Map.of());
        }
        RetrainingSettings settings = new RetrainingSettings(200, TransferSettings.defaults().withEpochs(20)
                .withResidualFolds(0), TrainingRecipe.paper(), 1, 0.05, 10, 1L);
        Dataset site = new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(12);
        GateDecision accepted = new GateDecision(true, 30.0, 12.0, 5, 20, 0.05, "transfer", "accepted for the test");
        try (Challenger challenger = new ChallengerTrainer(settings).train(champion, site)) {
            List<TrainingExample> examples = List.of(example("E-1", 0, 7), example("E-2", 0, 3), example("E-3", 2, 11));
            ModelRelease r = ChallengerRelease.of("ree-mtnn", "bootstrap-synthetic-abc", challenger, accepted,
                    ExampleLineage.ofLabResults(examples).add("training.examples", 1, 40).add("training.examples", 1, 42), NOW);

            assertEquals("ree-mtnn", r.getModelName());
            assertTrue(r.getVersion().startsWith("transfer-20250604T101530Z-"), r.getVersion());
            assertEquals("bootstrap-synthetic-abc", r.getParentVersion());
            assertEquals(ReleaseAction.PUBLISH, r.getAction());
            assertEquals(NOW, r.getCreatedAt());
            assertEquals("transfer", r.getTrainingSettings().get("method"));
            assertEquals("12", r.getTrainingSettings().get("examples"));
            assertEquals("accepted for the test", r.getNote());

            byte[] bytes = bytes(r.getArtifact());
            assertEquals(ModelArtifactCodec.sha256Hex(bytes), r.getArtifactSha256());
            assertEquals(ModelArtifactCodec.FORMAT_VERSION, r.getArtifactFormatVersion());
            ModelArtifact published = ModelArtifactCodec.decode(bytes);
            assertEquals(champion.features().formulas(), r.getFeatures().stream().map(Enum::name).toList());
            try (ScreeningModel loaded = published.load()) {
                double[][] x = site.inputsMolPct(loaded.features());
                double[][] expected = challenger.model().pointPredictions(x);
                double[][] got = loaded.pointPredictions(x);
                for (int i = 0; i < x.length; i++) {
                    assertArrayEquals(expected[i], got[i], 1e-9, "the artifact is the challenger");
                }
            }
            Map<String, ModelMetric> metrics = r.getMetrics().stream().collect(Collectors.toMap(ModelMetric::getName, m -> m));
            assertEquals(12.0, metrics.get("gate_challenger_mae_over_mean_total_ree_pct").getValue());
            assertEquals("percent", metrics.get("gate_challenger_mae_over_mean_total_ree_pct").getUnit());
            assertEquals("count", metrics.get("gate_held_out_rows_count").getUnit());
            assertEquals(12.0, published.metrics().get("gate_challenger_mae_over_mean_total_ree_pct"));

            assertEquals(List.of("lab.results/0:3-7", "lab.results/2:11-11", "training.examples/1:40-42"),
                    r.getLineage().stream().map(ChallengerReleaseTest::range).toList());

            GateDecision rejected = new GateDecision(false, 10.0, 12.0, 5, 20, 0.05, "transfer", "worse");
            assertThrows(IllegalArgumentException.class, () -> ChallengerRelease.of("ree-mtnn", "v1", challenger, rejected,
                    new ExampleLineage(), NOW));
        }
    }

    @Test
    void lineageIgnoresUnknownPositions() {
        assertTrue(new ExampleLineage().add("t", -1, 5).add("t", 0, -1).ranges().isEmpty());
    }

    private static TrainingExample example(String id, int partition, long offset) {
        return TrainingExample.newBuilder().setExampleId(id).setLotId("L-" + id).setLabResultId(id)
                .setComposition(LabFixtures.composition("L", 3).getOxides()).setShotCount(3).setTargets(List.of())
                .setLabResultPartition(partition).setLabResultOffset(offset).setCompositionUpdatedAt(NOW).setCreatedAt(NOW)
                .build();
    }

    private static String range(KafkaOffsetRange r) {
        return r.getTopic() + "/" + r.getPartition() + ":" + r.getFromOffset() + "-" + r.getToOffset();
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer copy = b.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
