package io.reescreen.screener.predict;

/**
 * Whether the screener is behind its input: readings are waiting that it has not taken yet. Read by the prediction
 * flush on the stream thread, so an answer must be cheap (a volatile read).
 */
@FunctionalInterface
public interface Backlog {

    /** Never behind: every flush scores (a topology without consumers, e.g. under TopologyTestDriver). */
    Backlog NONE = () -> false;

    boolean behind();
}
