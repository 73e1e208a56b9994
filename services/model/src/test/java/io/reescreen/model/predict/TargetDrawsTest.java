package io.reescreen.model.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TargetDrawsTest {

    @Test
    void targetsSideBySideHaveTheFiguresOfOneTargetAtATimeToTheBit() {
        SplittableRandom random = new SplittableRandom(21);
        // 17 outputs: four groups of four and one left over; 6: one group and two left over; 3: none in a group.
        for (int outputs : new int[] {17, 6, 3}) {
            int members = 5;
            int samples = 37;
            int callRows = 3 * (samples + 8);
            double[] mean = new double[outputs];
            double[] std = new double[outputs];
            List<String> names = new ArrayList<>();
            for (int j = 0; j < outputs; j++) {
                mean[j] = 100 * random.nextDouble();
                std[j] = 1 + 30 * random.nextDouble();
                names.add("t" + j);
            }
            float[] z = new float[members * outputs * callRows];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) random.nextGaussian();
            }
            double[] factor = new double[members * samples];
            for (int i = 0; i < factor.length; i++) {
                factor[i] = Math.exp(0.3 * random.nextGaussian());
            }
            TargetDraws draws = new TargetDraws(members, samples, outputs, mean, std);
            for (double[] f : new double[][] {null, factor}) {
                for (int firstRow : new int[] {0, samples + 8, 2 * (samples + 8)}) {
                    List<TargetEstimate> actual = new ArrayList<>();
                    draws.summarise(z, callRows, firstRow, f, mean[0], names, actual);
                    assertEquals(outputs, actual.size());
                    for (int j = 0; j < outputs; j++) {
                        double[] values = new double[members * samples];
                        double sum = 0;
                        for (int k = 0; k < members; k++) {
                            for (int s = 0; s < samples; s++) {
                                double v = z[(k * outputs + j) * callRows + firstRow + s] * std[j] + mean[j];
                                sum += v;
                                values[k * samples + s] = f == null ? v : v * f[k * samples + s];
                            }
                        }
                        double centre = sum / values.length;
                        double squares = 0;
                        int high = 0;
                        for (double v : values) {
                            squares += (v - centre) * (v - centre);
                            high += v >= mean[0] ? 1 : 0;
                        }
                        double[] bounds = OrderStatistics.bounds(values, 0.05, 0.95);
                        TargetEstimate e = actual.get(j);
                        String what = outputs + " outputs, target " + j;
                        assertEquals("t" + j, e.target());
                        assertEquals(centre, e.meanPpmMol(), 0.0, what);
                        assertEquals(Math.sqrt(squares / (values.length - 1)), e.stdPpmMol(), 0.0, what);
                        assertEquals(bounds[0], e.p05PpmMol(), 0.0, what);
                        assertEquals(bounds[1], e.p95PpmMol(), 0.0, what);
                        if (j == 0) {
                            assertEquals(high, draws.totalAtOrAboveThreshold(), what);
                        }
                    }
                }
            }
        }
    }
}
