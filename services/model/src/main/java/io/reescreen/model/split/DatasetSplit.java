package io.reescreen.model.split;

import io.reescreen.model.data.Dataset;

/**
 * A dataset split three ways, with the indices it came from.
 */
public record DatasetSplit(Dataset train, Dataset validation, Dataset test, SplitIndices indices) {
}
