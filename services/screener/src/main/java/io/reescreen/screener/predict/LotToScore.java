package io.reescreen.screener.predict;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.screener.lot.LotAggregate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link LotScorer} reads of a lot, built by the stream from its running aggregate and by the rescore from a
 * lot.compositions record. The model seeds a lot's Monte-Carlo draws from its exact inputs, so equality here is to the
 * bit.
 *
 * @param meanMolPct       the mean of each of the ten major oxides, closed to 100 mol % (paper order)
 * @param inputSigmaMolPct the 1-sigma of each mean used as the model's input noise, mol % (paper order; see
 *                         {@link LotAggregate#inputSigmaMolPct(double, double, int)})
 * @param shotCount        the readings the composition is made of
 * @param byDifference     oxides taken by difference in at least one reading
 */
public record LotToScore(String lotId, double[] meanMolPct, double[] inputSigmaMolPct, int shotCount,
                         Set<MajorOxide> byDifference) {

    public LotToScore {
        Objects.requireNonNull(lotId, "lotId");
        if (meanMolPct.length != MajorOxide.COUNT || inputSigmaMolPct.length != MajorOxide.COUNT) {
            throw new IllegalArgumentException("lot " + lotId + ": " + meanMolPct.length + " means and "
                    + inputSigmaMolPct.length + " sigmas; one of each per major oxide (" + MajorOxide.COUNT + ")");
        }
        meanMolPct = meanMolPct.clone();
        inputSigmaMolPct = inputSigmaMolPct.clone();
        byDifference = Set.copyOf(byDifference);
    }

    /** What the scorer reads of a lot's running aggregate (the stream's case). */
    public static LotToScore of(LotAggregate lot) {
        return new LotToScore(lot.lotId(), lot.meanMolPct(), lot.inputSigmaMolPct(), lot.shotCount(),
                lot.byDifferenceOxides());
    }

    @Override
    public double[] meanMolPct() {
        return meanMolPct.clone();
    }

    @Override
    public double[] inputSigmaMolPct() {
        return inputSigmaMolPct.clone();
    }

    /** Equal when every figure has the same bits (Arrays.equals compares doubles by their bits). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LotToScore other && lotId.equals(other.lotId) && shotCount == other.shotCount
                && Arrays.equals(meanMolPct, other.meanMolPct) && Arrays.equals(inputSigmaMolPct, other.inputSigmaMolPct)
                && byDifference.equals(other.byDifference);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lotId, shotCount, Arrays.hashCode(meanMolPct), Arrays.hashCode(inputSigmaMolPct), byDifference);
    }

    @Override
    public String toString() {
        return "LotToScore{" + lotId + ", shots=" + shotCount + ", meanMolPct=" + Arrays.toString(meanMolPct)
                + ", inputSigmaMolPct=" + Arrays.toString(inputSigmaMolPct) + ", byDifference=" + byDifference + '}';
    }
}
