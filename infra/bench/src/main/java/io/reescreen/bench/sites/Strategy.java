package io.reescreen.bench.sites;

/** How the retrainer learns from several sites' lab results: the two strategies issue 12 compares. */
public enum Strategy {
    /** (a) Before site models: every site's lab results transfer one base model, which serves every site. */
    GLOBAL(false, "(a) global"),
    /** (b) Site models: each site's lab results make that site's own model; the base serves sites without one. */
    PER_SITE(true, "(b) per site");

    private final boolean siteModels;
    private final String label;

    Strategy(boolean siteModels, String label) {
        this.siteModels = siteModels;
        this.label = label;
    }

    /** The retrainer's {@code reescreen.retrainer.site-models}. */
    public boolean siteModels() {
        return siteModels;
    }

    public String label() {
        return label;
    }
}
