package io.reescreen.model.comparison;

/** A fitted model reduced to what the comparison scores: total REE (ppm mol) from feature inputs (mol %). */
interface TotalReeRegressor extends AutoCloseable {

    double[] predictTotalPpmMol(double[][] inputsMolPct);

    @Override
    default void close() {
    }
}
