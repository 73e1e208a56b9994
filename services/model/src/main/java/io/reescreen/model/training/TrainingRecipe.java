package io.reescreen.model.training;

import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.units.FeatureSet;

import java.util.Objects;

/**
 * What a screening model is trained with: its input features, how many ensemble members, and the optimiser
 * settings every member shares (each member still draws its own initial weights, shuffles and input noise).
 */
public record TrainingRecipe(FeatureSet features, int members, TrainingSettings settings) {

    public TrainingRecipe {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(settings, "settings");
        if (members < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one member, got " + members);
        }
    }

    /** The paper's six oxides, 30 members, its optimiser settings and 500 epochs. */
    public static TrainingRecipe paper() {
        return new TrainingRecipe(FeatureSet.PAPER_SIX, 30, TrainingSettings.paper());
    }

    public TrainingRecipe withMembers(int n) {
        return new TrainingRecipe(features, n, settings);
    }

    public TrainingRecipe withSettings(TrainingSettings newSettings) {
        return new TrainingRecipe(features, members, newSettings);
    }

    public TrainingRecipe withFeatures(FeatureSet newFeatures) {
        return new TrainingRecipe(newFeatures, members, settings);
    }
}
