/**
 * Datasets: the labelled-sample model ({@link io.reescreen.model.data.Dataset},
 * {@link io.reescreen.model.data.LabelledSample}), readers for the paper's tables and the Whitehaven reject-ash
 * file, and the project CSV format with units in every header ({@link io.reescreen.model.data.ProjectCsv}).
 * Formats are specified in services/model/DATASETS.md.
 */
package io.reescreen.model.data;
