package io.reescreen.retrainer.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Only the configured bearer token may trigger a retraining. */
class RetrainControllerTest {

    private static final String TOKEN = "s3cret-token-0123456789";

    @Test
    void onlyTheExactBearerTokenIsAuthorized() {
        assertTrue(RetrainController.authorized("Bearer " + TOKEN, TOKEN));
        assertTrue(RetrainController.authorized("bearer " + TOKEN, TOKEN), "the scheme is case-insensitive");
        assertFalse(RetrainController.authorized(null, TOKEN));
        assertFalse(RetrainController.authorized("", TOKEN));
        assertFalse(RetrainController.authorized(TOKEN, TOKEN), "no scheme");
        assertFalse(RetrainController.authorized("Basic " + TOKEN, TOKEN));
        assertFalse(RetrainController.authorized("Bearer " + TOKEN.substring(1), TOKEN));
        assertFalse(RetrainController.authorized("Bearer " + TOKEN + "x", TOKEN));
        assertFalse(RetrainController.authorized("Bearer ", TOKEN));
    }
}
