/**
 * The paper's model comparison: linear regression, single-task and multi-task networks and the ensemble,
 * trained and tested on the same repeated stratified splits; accuracy, screening and noise sensitivity.
 */
package io.reescreen.model.comparison;
