package io.reescreen.model.predict;

/** One output's distribution over ensemble members × input noise, in ppm by mole of the REE oxide. */
public record TargetEstimate(String target, double meanPpmMol, double stdPpmMol, double p05PpmMol, double p95PpmMol) {
}
