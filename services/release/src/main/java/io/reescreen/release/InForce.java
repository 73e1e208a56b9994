package io.reescreen.release;

/**
 * The version and artifact (SHA-256) last accepted under a model name, against which {@link ReleaseCheck} tells a
 * re-delivery from a version string reused for another artifact.
 *
 * @param version null when nothing was accepted under this name yet
 */
public record InForce(String version, String sha256) {

    /** Nothing accepted yet (or nothing the caller tracks). */
    public static final InForce NONE = new InForce(null, null);
}
