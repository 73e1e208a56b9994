package io.reescreen.screener.rescore;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.OxideMolPct;
import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.predict.LotToScore;
import java.util.EnumSet;
import java.util.Set;

/**
 * A lot.compositions record back as the {@link LotToScore} the live screener scored when it wrote it. The record
 * carries the aggregate's closed means, standard errors and spreads as they were computed (Avro doubles keep every
 * bit), so the means are taken as they are (closing them again could move an ulp, and the model seeds a lot's
 * Monte-Carlo draws from its exact inputs) and the input noise is the aggregate's own formula on the same figures.
 */
public final class CompositionLots {

    private CompositionLots() {
    }

    /** @throws IllegalArgumentException when the record is not a composition the screener could have written */
    public static LotToScore toScore(LotComposition c) {
        if (c.getLotId() == null || c.getLotId().isBlank()) {
            throw new IllegalArgumentException("no lotId");
        }
        int shots = c.getShotCount();
        if (shots < 1) {
            throw new IllegalArgumentException("shotCount " + shots + "; a composition has at least one reading");
        }
        int n = MajorOxide.COUNT;
        double[] mean = new double[n];
        double[] sigma = new double[n];
        Set<MajorOxide> byDifference = EnumSet.noneOf(MajorOxide.class);
        boolean[] seen = new boolean[n];
        for (OxideMolPct o : c.getOxides()) {
            MajorOxide oxide = SchemaEnums.oxide(o.getOxide());
            int i = oxide.ordinal();
            if (seen[i]) {
                throw new IllegalArgumentException(o.getOxide() + " appears twice");
            }
            seen[i] = true;
            double m = o.getMeanMolPct();
            double spread = o.getSpreadMolPct();
            double se = o.getStandardErrorMolPct();
            if (!(m >= 0) || !Double.isFinite(m) || !(spread >= 0) || !Double.isFinite(spread)
                    || !(se >= 0) || !Double.isFinite(se)) {
                throw new IllegalArgumentException(o.getOxide() + " has mean " + m + ", spread " + spread
                        + ", standard error " + se + " mol %");
            }
            mean[i] = m;
            sigma[i] = LotAggregate.inputSigmaMolPct(se, spread, shots);
            if (o.getByDifference()) {
                byDifference.add(oxide);
            }
        }
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException(MajorOxide.values()[i].formula() + " is missing; all ten major oxides are needed");
            }
        }
        double total = 0;
        for (double m : mean) {
            total += m;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the ten oxides sum to " + total + " mol %");
        }
        return new LotToScore(c.getLotId(), mean, sigma, shots, byDifference);
    }
}
