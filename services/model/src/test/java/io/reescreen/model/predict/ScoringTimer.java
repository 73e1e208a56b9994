package io.reescreen.model.predict;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A quick side-by-side timing of scoring, not a test: {@link GoldenModel}'s lots at batch 1 (600 calls) and 64 (40
 * calls), three rounds, median thread CPU time per lot (less swayed by a loaded machine than wall time), for the model
 * alone and with a log-scale residual term of 0.044 (as {@code bench model}'s base model has: 1,920 more normal draws
 * and exponentials per lot); with an argument also the forward call alone on 128 and 8,192 rows, Java path then engine. The figures in the module
 * README came from it, run from the repository root after {@code mvn -pl services/model -am test-compile} (CP as for
 * {@link GoldenPredictionsGenerator}):
 * <pre>
 * OMP_NUM_THREADS=1 taskset -c 0 java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
 *     -cp "services/model/target/test-classes:services/model/target/classes:$(cat CP)" \
 *     io.reescreen.model.predict.ScoringTimer [split]
 * </pre>
 * On the commit before issue 15 the same class without the {@code split} part (that API did not exist). For an old
 * build, compile this class against its classes (javac -d DIR -cp "OLD/services/model/target/test-classes:...") and
 * put DIR first on the class path.
 */
public final class ScoringTimer {
    static final ThreadMXBean T = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        boolean split = args.length > 0;
        try (ScreeningModel model = GoldenModel.load()) {
            double[][] lots = GoldenModel.lots(model);
            PredictionSettings settings = PredictionSettings.defaults();
            double[][] batch = new double[64][];
            for (int i = 0; i < 64; i++) {
                batch[i] = lots[i % lots.length].clone();
                batch[i][0] += i * 1e-3;
            }
            float[] x128 = new float[128 * 6];
            float[] x8192 = new float[8192 * 6];
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < x8192.length; i++) {
                x8192[i] = (float) (random.nextDouble() * 2 - 1);
            }
            System.arraycopy(x8192, 0, x128, 0, x128.length);
            ScreeningModel withResidual = model.sharingEnsembleWithLogResidual(0.044); // shares the networks; not closed
            for (int round = 0; round < 3; round++) {
                StringBuilder line = new StringBuilder("round " + round + ":");
                for (ScreeningModel scored : new ScreeningModel[] {model, withResidual}) {
                    double[] one = new double[600];
                    for (int i = 0; i < one.length; i++) {
                        long t = T.getCurrentThreadCpuTime();
                        scored.predict(lots[i % lots.length], null, settings);
                        one[i] = (T.getCurrentThreadCpuTime() - t) / 1e6;
                    }
                    double[] many = new double[40];
                    for (int i = 0; i < many.length; i++) {
                        long t = T.getCurrentThreadCpuTime();
                        scored.predictBatch(batch, null, settings);
                        many[i] = (T.getCurrentThreadCpuTime() - t) / 1e6 / 64;
                    }
                    line.append(String.format(" %s: batch 1 %.3f ms/lot, batch 64 %.3f ms/lot;",
                            scored == model ? "model alone" : "log residual 0.044", median(one), median(many)));
                }
                if (split) {
                    line.append(' ').append(forwardTimes(model, x128, x8192));
                }
                System.out.println(line.append(" (thread CPU medians)"));
            }
            if (split) {
                model.ensemble().setJavaForwardMaxRows(0);
                for (int round = 0; round < 2; round++) {
                    System.out.println("engine path: " + forwardTimes(model, x128, x8192));
                }
            }
        }
    }

    /** The forward call alone, on the path the ensemble picks: median thread CPU ms on 128 rows and per 128 of 8,192. */
    private static String forwardTimes(ScreeningModel model, float[] x128, float[] x8192) {
        double[] e128 = new double[600];
        for (int i = 0; i < e128.length; i++) {
            long t = T.getCurrentThreadCpuTime();
            model.ensemble().predictStandardisedByOutput(x128, 128);
            e128[i] = (T.getCurrentThreadCpuTime() - t) / 1e6;
        }
        double[] e8192 = new double[40];
        for (int i = 0; i < e8192.length; i++) {
            long t = T.getCurrentThreadCpuTime();
            model.ensemble().predictStandardisedByOutput(x8192, 8192);
            e8192[i] = (T.getCurrentThreadCpuTime() - t) / 1e6 / 64;
        }
        return String.format("forward alone 128 rows %.3f ms, 8192 rows %.3f ms per 128", median(e128), median(e8192));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
