/**
 * Units and features: the one place where units change. Atomic weights and oxide stoichiometry
 * ({@link io.reescreen.model.units.MolarMasses}), compositions typed by unit
 * ({@link io.reescreen.model.units.OxideWtPct}, {@link io.reescreen.model.units.OxideMolPct}), raw readings with
 * missing and below-detection oxides ({@link io.reescreen.model.units.OxideWtPctReading}), whole coal → ash basis
 * ({@link io.reescreen.model.units.AshBasis}), an analyte's unit as wt % ({@link io.reescreen.model.units.AnalyteUnit}),
 * REE unit conversions ({@link io.reescreen.model.units.ReeUnits}, {@link io.reescreen.model.units.ReeContentUnit},
 * {@link io.reescreen.model.units.TotalReeUnits} for a total such as the screening threshold), renormalising to 100
 * ({@link io.reescreen.model.units.ClosureTo100}) and the model's features
 * ({@link io.reescreen.model.units.FeatureSet}).
 *
 * <p>Services reach these through the typed values and the entry points above; the per-value converters
 * ({@code ReeUnits}, {@code MajorElementUnits}, {@code MolarMasses}) and an oxide's stoichiometric factors are this
 * package's own, which the services' UnitsStayInTheModelLibraryTest (ArchUnit) checks, and no production source
 * outside it writes a unit factor (UnitFactorsStayInUnitsTest).
 */
package io.reescreen.model.units;
