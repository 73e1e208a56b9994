/**
 * From a labelled dataset to a release-ready model: fitting the ensemble, holding out and scoring the test
 * rows, and recording what the model was trained on.
 */
package io.reescreen.model.training;
