/**
 * How the paper scores a model, so our numbers can be set beside its table: regression metrics (R², MAPE in
 * both the standard and the authors' sense), screening counts at a threshold (IoU, precision, recall),
 * interval coverage, mean ± std over repetitions, and the linear-regression baseline.
 */
package io.reescreen.model.evaluation;
