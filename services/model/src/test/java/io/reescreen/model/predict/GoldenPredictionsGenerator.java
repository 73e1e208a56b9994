package io.reescreen.model.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code golden/predictions-v0.json}: {@link GoldenModel}'s predictions of its lots, alone (batch 1), together
 * (one batch) and together with the log residual term, from the code as it is when run. Kept for reruns on an old
 * commit; the committed file came from the commit before the scoring speed-ups (issue 15). Run from the repository
 * root after {@code mvn -B -q -ntp -o -pl services/model -am test-compile}:
 * <pre>
 * java -Dai.djl.offline=true -cp "services/model/target/test-classes:services/model/target/classes:$(cat CP)" \
 *     io.reescreen.model.predict.GoldenPredictionsGenerator services/model/src/test/resources/golden/predictions-v0.json
 * </pre>
 * with CP the model module's test classpath ({@code mvn -pl services/model -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=CP}).
 */
public final class GoldenPredictionsGenerator {

    private GoldenPredictionsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        try (ScreeningModel model = GoldenModel.load()) {
            Files.writeString(Path.of(args[0]), json(model));
        }
    }

    static String json(ScreeningModel model) {
        double[][] lots = GoldenModel.lots(model);
        PredictionSettings settings = PredictionSettings.defaults().withThreshold(threshold(model, lots));
        List<LotPrediction> alone = new ArrayList<>();
        for (double[] lot : lots) {
            alone.add(model.predict(lot, null, settings));
        }
        List<LotPrediction> batch = model.predictBatch(lots, null, settings);
        List<LotPrediction> withResidual = model.sharingEnsembleWithLogResidual(GoldenModel.LOG_RESIDUAL_SD)
                .predictBatch(lots, null, settings);
        StringBuilder out = new StringBuilder("{\n");
        out.append("\"about\": \"GoldenModel's lots scored by the commit before issue 15's scoring changes; targets are")
                .append(" [mean, sd, p05, p95] in ppm mol, total REE first\",\n");
        out.append("\"threshold_total_ree_ppm_mol\": ").append(settings.thresholdTotalReePpmMol()).append(",\n");
        out.append("\"log_residual_sd\": ").append(GoldenModel.LOG_RESIDUAL_SD).append(",\n");
        out.append("\"lots_mol_pct\": [\n");
        for (int i = 0; i < lots.length; i++) {
            out.append(numbers(lots[i])).append(i + 1 < lots.length ? ",\n" : "\n");
        }
        out.append("],\n");
        predictions(out, "alone", alone).append(",\n");
        predictions(out, "batch", batch).append(",\n");
        predictions(out, "batch_log_residual", withResidual).append("\n}\n");
        return out.toString();
    }

    /** The median of the lots' mean totals, so P(high) is neither 0 nor 1 for the lots near it. */
    private static double threshold(ScreeningModel model, double[][] lots) {
        double[] totals = model.predictBatch(lots, null, PredictionSettings.defaults()).stream()
                .mapToDouble(p -> p.total().meanPpmMol()).sorted().toArray();
        return Math.round(totals[totals.length / 2] * 1000) / 1000.0;
    }

    private static StringBuilder predictions(StringBuilder out, String name, List<LotPrediction> predictions) {
        out.append('"').append(name).append("\": [\n");
        for (int i = 0; i < predictions.size(); i++) {
            LotPrediction p = predictions.get(i);
            out.append("{\"p_high\": ").append(p.probTotalAtOrAboveThreshold())
                    .append(", \"distance\": ").append(p.domainDistanceMahalanobis())
                    .append(", \"out_of_domain\": ").append(p.outOfDomain())
                    .append(", \"point\": ").append(p.pointTotalReePpmMol())
                    .append(", \"baseline\": ").append(p.attributionBaselinePpmMol())
                    .append(",\n \"attributions\": ").append(numbers(p.attributionsPpmMol()))
                    .append(",\n \"targets\": [");
            for (int j = 0; j < p.targets().size(); j++) {
                TargetEstimate t = p.targets().get(j);
                out.append(j == 0 ? "" : ", ")
                        .append(numbers(new double[] {t.meanPpmMol(), t.stdPpmMol(), t.p05PpmMol(), t.p95PpmMol()}));
            }
            out.append("]}").append(i + 1 < predictions.size() ? ",\n" : "\n");
        }
        return out.append(']');
    }

    /** Double.toString gives the shortest text that parses back to the same double. */
    private static String numbers(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).reduce((a, b) -> a + ", " + b)
                .map(s -> "[" + s + "]").orElse("[]").toLowerCase(Locale.ROOT);
    }
}
