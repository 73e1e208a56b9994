package io.reescreen.screener.rescore;

import io.reescreen.screener.predict.LotToScore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.TimedMockConsumer;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.predict.LotScorer;
import io.reescreen.screener.serving.ModelInfo;
import io.reescreen.screener.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Rescoring a mock history: what is read, scored, written, skipped, and how it compares with the originals. */
class RescorerTest {

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final String COMPOSITIONS = Topics.LOT_COMPOSITIONS.name();
    private static final String PREDICTIONS = Topics.REE_PREDICTIONS.name();
    private static final AvroBinarySerde<LotComposition> COMPOSITION = new AvroBinarySerde<>(LotComposition.class);
    private static final AvroBinarySerde<ReePrediction> PREDICTION = new AvroBinarySerde<>(ReePrediction.class);

    private static final class ListSink implements RescoredSink {
        final List<ReePrediction> sent = new ArrayList<>();
        final List<Long> sourceOffsets = new ArrayList<>();
        boolean flushed;

        @Override
        public void send(ReePrediction prediction, ConsumerRecord<byte[], byte[]> source) {
            sent.add(prediction);
            sourceOffsets.add(source.offset());
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
        }
    }

    private static RescoreModel model(String version, ModelArtifact artifact) {
        ScreeningModel loaded = artifact.load();
        return new RescoreModel(new ModelInfo("ree-mtnn", version, null, ReleaseAction.PUBLISH,
                ModelArtifactCodec.sha256Hex(ModelArtifactCodec.encode(artifact)), artifact.features(),
                artifact.weights().shape().members(), 0), loaded, "test model");
    }

    /**
     * Day 0: lots A..D, one composition each (before the window). Day 1: lots A..C grow one reading per record, three
     * records each, the originals of {@code originalModel} after every one; plus an undecodable record, a tombstone
     * and a composition without MnO. All lot records on partition (lot index % 2) of two.
     */
    private static TimedMockConsumer history(RescoreModel originalModel) {
        TimedMockConsumer c = new TimedMockConsumer().topic(COMPOSITIONS, 2).topic(PREDICTIONS, 2);
        LotScorer scorer = new LotScorer(ScreenerSettings.defaults().scoringSettings());
        String[] lots = {"A", "B", "C", "D"};
        for (int l = 0; l < lots.length; l++) {
            c.append(COMPOSITIONS, l % 2, T0.plusSeconds(l).toEpochMilli(), key(lots[l]),
                    COMPOSITION.toBytes(CompositionLotsTest.lot(lots[l], 1, 1.0).toLotComposition()));
        }
        Instant day1 = T0.plus(Duration.ofDays(1));
        for (int shots = 2; shots <= 4; shots++) {
            for (int l = 0; l < 3; l++) {
                LotAggregate lot = CompositionLotsTest.lot(lots[l], shots, 1.0 + 0.4 * l);
                long t = day1.plusSeconds(60L * shots + l).toEpochMilli();
                c.append(COMPOSITIONS, l % 2, t, key(lots[l]), COMPOSITION.toBytes(lot.toLotComposition()));
                ReePrediction original = scorer.score(LotToScore.of(lot), originalModel.info(), originalModel.model(), t);
                c.append(PREDICTIONS, l % 2, t, key(lots[l]), PREDICTION.toBytes(original));
            }
        }
        long late = day1.plusSeconds(3600).toEpochMilli();
        c.append(COMPOSITIONS, 0, late, key("A"), "not avro".getBytes(StandardCharsets.UTF_8));
        c.append(COMPOSITIONS, 1, late, key("B"), null);
        LotComposition good = CompositionLotsTest.lot("E", 2, 1.0).toLotComposition();
        c.append(COMPOSITIONS, 0, late, key("E"), COMPOSITION.toBytes(LotComposition.newBuilder(good)
                .setOxides(good.getOxides().subList(0, 9)).build()));
        return c;
    }

    private static byte[] key(String lotId) {
        return lotId.getBytes(StandardCharsets.UTF_8);
    }

    private static RescoreReport rescore(RescoreModel model, TimedMockConsumer history, ListSink sink,
                                         StringBuilder progress) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RescoreReport report = Rescorer.rescore(new Rescorer.Request("ree-mtnn", ReplayWindow.parse("2026-11-21", null),
                        ScreenerSettings.defaults()), model, new TopicWindowReader(history, Duration.ofSeconds(5)),
                COMPOSITION.deserializer(), PREDICTION.deserializer(), sink, "run-1",
                new PrintStream(err, true, StandardCharsets.UTF_8));
        progress.append(err.toString(StandardCharsets.UTF_8));
        return report;
    }

    @Test
    void everyCompositionInTheWindowIsScoredOnceAndTheSameModelChangesNothing() {
        try (RescoreModel model = model("v-same", TestModels.trained())) {
            ListSink sink = new ListSink();
            StringBuilder progress = new StringBuilder();
            RescoreReport report = rescore(model, history(model), sink, progress);

            assertEquals(12, report.records(), "day 1 only: 9 compositions and 3 bad records");
            assertEquals(9, report.scored());
            assertEquals(9, sink.sent.size());
            assertTrue(sink.flushed);
            assertTrue(sink.sent.stream().allMatch(p -> p.getModelVersion().equals("v-same")
                    && p.getModelName().equals("ree-mtnn")));
            assertEquals(Map.of("undecodable", 1L, "tombstone", 1L, "invalid composition", 1L), report.skipped().counts());
            assertTrue(report.skipped().firstDetail("invalid composition").contains("MnO is missing"));
            assertEquals(3, report.lots(), "D has nothing in the window");
            assertEquals(List.of(2, 3, 4), sink.sent.stream().filter(p -> p.getLotId().equals("B"))
                    .map(ReePrediction::getReadingCount).toList());

            RescoreComparison.Result c = report.comparison();
            assertEquals(9, report.originalsRead());
            assertEquals(3, c.lotsCompared());
            assertEquals(3, c.sameReadingCount());
            assertEquals(Map.of("v-same", 3), c.originalVersions());
            assertEquals(0, c.meanAbsChangePpmMol(), 1e-6, "the screener's scoring, reproduced");
            assertEquals(0, c.becameHigh() + c.noLongerHigh());
            String summary = report.format();
            for (String expected : List.of("compositions  12 read, 9 scored, 3 skipped",
                    "written       9 predictions to ree.predictions.rescored, key lotId, model version v-same",
                    "comparison    3 lots (latest original vs latest rescored prediction), 3 of them on the same "
                            + "reading count", "mean |change| 0.0 ppm mol", "0 became likely high, 0 no longer")) {
                assertTrue(summary.contains(expected), "summary lacks '" + expected + "':\n" + summary);
            }
            assertTrue(progress.toString().contains("lot.compositions: 12 records, 100 %, done"), progress.toString());
        }
    }

    @Test
    void aModelThatCallsEveryLotHighTurnsTheVerdictOfEveryLotTheOriginalsCalledLow() {
        try (RescoreModel low = model("v-low", TestModels.certainlyLow());
             RescoreModel high = model("v-high", TestModels.certainlyHigh())) {
            ListSink sink = new ListSink();
            RescoreReport report = rescore(high, history(low), sink, new StringBuilder());
            RescoreComparison.Result c = report.comparison();
            assertEquals(3, c.lotsCompared());
            assertEquals(0, c.highBefore());
            assertEquals(3, c.highAfter());
            assertEquals(3, c.becameHigh());
            assertTrue(c.meanChangePpmMol() > 150_000, "shifted by +100,000 and -100,000: " + c.meanChangePpmMol());
            assertTrue(report.format().contains("3 became likely high, 0 no longer"), report.format());
        }
    }
}
