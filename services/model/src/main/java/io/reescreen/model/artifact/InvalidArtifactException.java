package io.reescreen.model.artifact;

/** The bytes are not a model artifact this code can load; nothing was loaded. */
public final class InvalidArtifactException extends Exception {

    public InvalidArtifactException(String message) {
        super(message);
    }

    public InvalidArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
