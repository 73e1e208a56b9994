package io.reescreen.retrainer.performance;

/** The comparison's own state store; its name names a changelog topic, so it is part of the deployment. */
public final class PerformanceStores {

    /** labResultId → when it was compared (ms since the epoch): a re-delivered lab result is not compared again. */
    public static final String COMPARED = "performance-compared-lab-results";

    private PerformanceStores() {
    }
}
