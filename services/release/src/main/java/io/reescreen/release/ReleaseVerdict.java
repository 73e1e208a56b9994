package io.reescreen.release;

import java.util.Objects;

/** What {@link ReleaseCheck} says about a release. */
public sealed interface ReleaseVerdict {

    /** The release is one the screeners serve; the caller owns its loaded model and serves or closes it. */
    record Accepted(CheckedRelease release) implements ReleaseVerdict {
        public Accepted {
            Objects.requireNonNull(release, "release");
        }
    }

    /** The same version and artifact as the one in force: a re-delivery (e.g. on restart); nothing was loaded. */
    record AlreadyInForce() implements ReleaseVerdict {
    }

    /** Refused; {@code detail} says what was wrong, for logs and dead-letter headers. */
    record Rejected(ReleaseRejection reason, String detail) implements ReleaseVerdict {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
