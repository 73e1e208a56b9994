package io.reescreen.screener.validate;

import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.XrfReading;
import java.util.Objects;

/**
 * A reading the validation stage accepted, with the lot metadata it was judged against (what the enrichment stage
 * joins in). Lives only inside the topology.
 *
 * @param lot null when the lot has no metadata yet (accepted only when lot metadata is not required)
 */
public record ValidatedReading(XrfReading reading, LotInfo lot) {

    public ValidatedReading {
        Objects.requireNonNull(reading, "reading");
    }
}
