package io.reescreen.retrainer.examples;

/** The join's state stores; their names name changelog topics, so they are part of the deployment. */
public final class ExampleStores {

    /** lotId → LotInfo, from the lots topic: which lots exist, and their site. */
    public static final String LOT_INFO = "example-lot-info";
    /** lotId → the lot's latest LotComposition. */
    public static final String COMPOSITIONS = "example-compositions";
    /** lotId + U+0000 + labResultId → a lab result waiting for a composition. */
    public static final String WAITING = "example-waiting-lab-results";
    /** lotId → the lot's latest served total-REE prediction (from ree.predictions), for the hold check. */
    public static final String SERVED_PREDICTIONS = "example-served-predictions";

    private ExampleStores() {
    }

    static String waitingKey(String lotId, String labResultId) {
        return lotId + '\u0000' + labResultId;
    }

    static String waitingPrefix(String lotId) {
        return lotId + '\u0000';
    }
}
