package io.reescreen.screener.reasons;

import java.util.Locale;

/** Why an output record was not written, as {@code errors.ProductionErrorPolicy} counts it (metric tag {@code reason}). */
public enum ProductionErrorReason {
    /** Bigger than the producer's {@code max.request.size}: refused before the producer saw it, so dropped safely. */
    RECORD_TOO_LARGE,
    /** The key or value serializer threw: nothing reached the producer, so dropped safely. */
    SERIALIZATION,
    /** The producer or broker refused the record after it was handed over (see {@code errors.ProductionErrorPolicy}). */
    SEND_FAILED,
    /** Authentication or authorization: every later record would fail too, so the stream stops. */
    NOT_AUTHORIZED;

    /** The Prometheus tag value: {@code record_too_large}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
