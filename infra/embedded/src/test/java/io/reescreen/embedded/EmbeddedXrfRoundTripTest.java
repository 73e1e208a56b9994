package io.reescreen.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The round-trip scenario on the embedded broker and registry: the path CI exercises. */
@ExtendWith(EmbeddedStackExtension.class)
class EmbeddedXrfRoundTripTest {

    @Test
    void avroReadingsRoundTripThroughTheRegistrySerde(EmbeddedStack stack) throws Exception {
        XrfRoundTripScenario.run(stack.bootstrapServers(), stack.serdes());
    }
}
