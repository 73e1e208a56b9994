package io.reescreen.launcher;

/**
 * Options that parse but do not fit together or fall out of range (found once the command runs): like picocli's own
 * parse errors, one line naming the command's {@code --help}, exit status 2.
 */
final class UsageError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
