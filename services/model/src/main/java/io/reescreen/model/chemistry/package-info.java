/**
 * Chemical names as analyzers write them: element symbols ({@link io.reescreen.model.chemistry.ElementSymbols}) and
 * oxide formulas ({@link io.reescreen.model.chemistry.OxideFormula}). Names only: masses and unit conversions are
 * {@link io.reescreen.model.units}' business.
 */
package io.reescreen.model.chemistry;
