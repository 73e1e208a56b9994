package io.reescreen.screener.predict;

import io.reescreen.schemas.OxideAttribution;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.predict.LotPrediction;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.predict.TargetEstimate;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.TotalReeUnits;
import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.screener.serving.ModelInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One lot through the model: its mean composition (the model's features, mol %) with the uncertainty of that mean
 * as input noise, the threshold in ppm mol (an element-ppm threshold converted by the model library's
 * {@link TotalReeUnits}), and the library's estimate turned into a ReePrediction. Pure apart from
 * the model call.
 */
public final class LotScorer {

    private final ScoringSettings settings;

    public LotScorer(ScoringSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ReePrediction score(LotToScore lot, ModelInfo info, ScreeningModel model, long nowMs) {
        return scoreAll(List.of(lot), info, model, nowMs).get(0);
    }

    /**
     * Several lots in one model call (two with an element-ppm threshold). Each lot's Monte-Carlo draws are seeded by
     * the lot itself, so a lot gets the same prediction alone or in a batch.
     */
    public List<ReePrediction> scoreAll(List<LotToScore> lots, ModelInfo info, ScreeningModel model, long nowMs) {
        FeatureSet features = model.features();
        double[][] inputs = new double[lots.size()][features.size()];
        double[][] inputSigma = new double[lots.size()][features.size()];
        for (int l = 0; l < lots.size(); l++) {
            double[] mean = lots.get(l).meanMolPct();
            double[] sigma = lots.get(l).inputSigmaMolPct();
            for (int j = 0; j < features.size(); j++) {
                int i = features.oxides().get(j).ordinal();
                inputs[l][j] = mean[i];
                inputSigma[l][j] = sigma[i];
            }
        }
        List<ReePrediction> out = new ArrayList<>(lots.size());
        if (settings.thresholdUnit() == ThresholdUnit.PPM_MOL) {
            List<LotPrediction> p = model.predictBatch(inputs, inputSigma, settings.predictionSettings(settings.threshold()));
            for (int l = 0; l < lots.size(); l++) {
                out.add(toPrediction(lots.get(l), info, features, p.get(l), settings.threshold(), nowMs));
            }
            return out;
        }
        // The mass <-> mole factor of a total depends on the REE pattern: take it from a first pass, then score
        // against the converted threshold (same seed, same draws).
        List<LotPrediction> first = model.predictBatch(inputs, inputSigma, settings.predictionSettings(settings.threshold()));
        for (int l = 0; l < lots.size(); l++) {
            double thresholdPpmMol = TotalReeUnits.oxidePpmMolFromElementPpm(settings.threshold(),
                    pattern(first.get(l)), OxideMolPct.ofPaperOrder(lots.get(l).meanMolPct()));
            LotPrediction p = model.predict(inputs[l], inputSigma[l], settings.predictionSettings(thresholdPpmMol));
            out.add(toPrediction(lots.get(l), info, features, p, thresholdPpmMol, nowMs));
        }
        return out;
    }

    /** Total REE oxides in ppm mol per mg/kg of REE elements, for this lot's ash and predicted REE pattern. */
    static double ppmMolPerElementPpm(LotPrediction p, double[] ashMolPct) {
        return TotalReeUnits.oxidePpmMolPerElementPpm(pattern(p), OxideMolPct.ofPaperOrder(ashMolPct));
    }

    /** The 16 predicted oxide means (ppm mol), in the paper's order. */
    private static double[] pattern(LotPrediction p) {
        double[] ppmMol = new double[ReeOxide.COUNT];
        for (int j = 1; j < ReeTargetsPpmMol.NAMES.size(); j++) {
            ppmMol[ReeOxide.fromFormula(ReeTargetsPpmMol.NAMES.get(j)).ordinal()] = p.targets().get(j).meanPpmMol();
        }
        return ppmMol;
    }

    private ReePrediction toPrediction(LotToScore lot, ModelInfo info, FeatureSet features, LotPrediction p,
                                       double thresholdPpmMol, long nowMs) {
        List<ReeEstimate> outputs = new ArrayList<>(p.targets().size());
        for (TargetEstimate t : p.targets()) {
            outputs.add(ReeEstimate.newBuilder().setTarget(SchemaEnums.target(t.target()))
                    .setMeanPpmMol(t.meanPpmMol()).setStdPpmMol(t.stdPpmMol())
                    .setP05PpmMol(t.p05PpmMol()).setP95PpmMol(t.p95PpmMol()).build());
        }
        outputs.sort(Comparator.comparing(ReeEstimate::getTarget));
        List<OxideAttribution> attributions = new ArrayList<>(features.size());
        for (int j = 0; j < features.size(); j++) {
            attributions.add(OxideAttribution.newBuilder().setOxide(SchemaEnums.oxide(features.oxides().get(j)))
                    .setContributionPpmMol(p.attributionsPpmMol()[j]).build());
        }
        List<io.reescreen.schemas.MajorOxide> byDifference = lot.byDifference().stream()
                .sorted(Comparator.comparing(MajorOxide::ordinal)).map(SchemaEnums::oxide).toList();
        return ReePrediction.newBuilder()
                .setLotId(lot.lotId())
                .setPredictedAt(Instant.ofEpochMilli(nowMs))
                .setModelName(info.modelName())
                .setModelVersion(info.version())
                .setModelSiteId(info.siteId())
                .setReadingCount(lot.shotCount())
                .setOutputs(outputs)
                .setThresholdTotalReePpmMol(thresholdPpmMol)
                .setProbTotalAtOrAboveThreshold(p.probTotalAtOrAboveThreshold())
                .setOutOfDomain(p.outOfDomain())
                .setDomainDistanceMahalanobis(p.domainDistanceMahalanobis())
                .setAttributionBaselinePpmMol(p.attributionBaselinePpmMol())
                .setAttributions(attributions)
                .setByDifferenceOxides(new ArrayList<>(byDifference))
                .setEnsembleMembers(p.ensembleMembers())
                .setNoiseSamples(p.noiseSamples())
                .build();
    }
}
