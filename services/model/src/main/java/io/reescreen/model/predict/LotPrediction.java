package io.reescreen.model.predict;

import java.util.List;

/**
 * What the model says about one lot.
 *
 * @param targets                     17 estimates, total REE first, then the 16 REE oxides
 * @param pointTotalReePpmMol         the ensemble mean at the measured composition, without input noise
 * @param attributionBaselinePpmMol   the ensemble mean at the training median composition
 * @param attributionsPpmMol          exact Shapley value of each input for total REE; they sum to
 *                                    {@code pointTotalReePpmMol - attributionBaselinePpmMol}
 */
public record LotPrediction(List<TargetEstimate> targets, double probTotalAtOrAboveThreshold,
                            double thresholdTotalReePpmMol, double domainDistanceMahalanobis, boolean outOfDomain,
                            double pointTotalReePpmMol, double attributionBaselinePpmMol, double[] attributionsPpmMol,
                            int ensembleMembers, int noiseSamples) {

    public TargetEstimate total() {
        return targets.get(0);
    }
}
