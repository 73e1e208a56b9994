/**
 * Units and features: the one place where units change. Atomic weights and oxide stoichiometry
 * ({@link io.reescreen.model.units.MolarMasses}), compositions typed by unit
 * ({@link io.reescreen.model.units.OxideWtPct}, {@link io.reescreen.model.units.OxideMolPct}), raw readings with
 * missing and below-detection oxides ({@link io.reescreen.model.units.OxideWtPctReading}), REE unit conversions
 * ({@link io.reescreen.model.units.ReeUnits}) and the model's input vector
 * ({@link io.reescreen.model.units.FeatureExtractor}).
 */
package io.reescreen.model.units;
