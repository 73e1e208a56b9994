package io.reescreen.launcher;

import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.units.FeatureSet;
import java.util.Arrays;
import picocli.CommandLine.Option;

/** The ensemble's recipe as {@code model train} and {@code model evaluate} take it: the paper's, unless told. */
final class RecipeOptions {

    @Option(names = "--members", paramLabel = "N", description = "ensemble members (default 30, the paper's)")
    private Integer members;

    @Option(names = "--epochs", paramLabel = "N", description = "training epochs per member (default 500, the paper's)")
    private Integer epochs;

    @Option(names = "--seed", paramLabel = "N", description = "training seed (default 42)")
    private Long seed;

    @Option(names = "--features", paramLabel = "OXIDES",
            description = "the input oxides, comma-separated (default Al2O3,CaO,Fe2O3,MgO,TiO2,P2O5)")
    private String features;

    TrainingRecipe recipe() {
        TrainingRecipe paper = TrainingRecipe.paper();
        FeatureSet chosen = features == null ? paper.features() : features(features);
        return paper.withFeatures(chosen).withMembers(members == null ? paper.members() : members)
                .withSettings(paper.settings().withEpochs(epochs == null ? paper.settings().epochs() : epochs)
                        .withSeed(seed == null ? paper.settings().seed() : seed));
    }

    private static FeatureSet features(String formulas) {
        try {
            return FeatureSet.ofFormulas(Arrays.stream(formulas.split(",")).map(String::trim).toList());
        } catch (IllegalArgumentException e) {
            throw new UsageError("--features: " + e.getMessage());
        }
    }
}
