package io.reescreen.retrainer.http;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One site in {@code GET /retrain}: its champion (its own model, or the base model's version while it has none), its
 * examples and how many came since its last attempt ({@code retrainEvery} of them trigger the site's next attempt).
 *
 * @param ownModel false while the site is served by the base model
 */
@Serdeable
public record SiteView(String siteId, String championVersion, boolean ownModel, int examples, int newSinceLastAttempt) {
}
