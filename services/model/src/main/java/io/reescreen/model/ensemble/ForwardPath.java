package io.reescreen.model.ensemble;

/**
 * Which code runs a frozen ensemble's forward pass: plain Java on the CPU for the few rows of scoring (no engine
 * call to pay for), the engine for many rows or on a GPU.
 */
public enum ForwardPath {
    JAVA, ENGINE;

    /** System property: the most rows a call sends to the Java path on a CPU (0 = always the engine). */
    public static final String MAX_ROWS_PROPERTY = "reescreen.model.java-forward-max-rows";
    /** Every call on a CPU: the Java path was faster than the engine at every batch measured (module README). */
    public static final int DEFAULT_MAX_ROWS = Integer.MAX_VALUE;

    public static ForwardPath choose(int rows, boolean onGpu, int javaMaxRows) {
        return !onGpu && rows <= javaMaxRows ? JAVA : ENGINE;
    }

    /** The threshold from {@link #MAX_ROWS_PROPERTY}, else {@link #DEFAULT_MAX_ROWS}. */
    public static int maxRowsSetting() {
        String value = System.getProperty(MAX_ROWS_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_ROWS;
        }
        try {
            int rows = Integer.parseInt(value.trim());
            if (rows < 0) {
                throw new NumberFormatException("negative");
            }
            return rows;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_ROWS_PROPERTY + " must be a number of rows >= 0, got '" + value + "'", e);
        }
    }
}
