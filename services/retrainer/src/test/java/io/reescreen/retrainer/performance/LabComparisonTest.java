package io.reescreen.retrainer.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ScreeningOutcome;
import org.junit.jupiter.api.Test;

class LabComparisonTest {

    @Test
    void aComparisonSaysTheSignedRelativeErrorTheIntervalWidthAndWhetherTheLabValueWasInside() {
        ModelPerformance c = Comparisons.of("YARD-A", "v1", 280, 250, 240, 300, 0.3);
        assertEquals(280, c.getLabTotalReePpmMol());
        assertEquals(250, c.getPredictedTotalReePpmMol());
        assertEquals(30, c.getAbsoluteErrorPpmMol(), 1e-12);
        assertEquals(-30.0 / 280 * 100, c.getRelativeErrorPct(), 1e-12, "predicted below the lab: negative");
        assertEquals(60.0 / 250 * 100, c.getIntervalWidthPct(), 1e-12, "p95 - p05 as % of the prediction");
        assertTrue(c.getInsideInterval90());
        assertFalse(Comparisons.of("YARD-A", "v1", 301, 250, 240, 300, 0.3).getInsideInterval90());
        assertTrue(Comparisons.of("YARD-A", "v1", 300, 250, 240, 300, 0.3).getInsideInterval90(), "bounds included");
        assertEquals("YARD-A", c.getSiteId());
        assertEquals(2_000L, c.getLabResultAt().toEpochMilli());
        assertEquals(1_000L, c.getPredictedAt().toEpochMilli());
    }

    @Test
    void theScreeningOutcomeIsTheAlertRuleAgainstTheLabValueAtTheThreshold() {
        // threshold 300 ppm mol, alert probability 0.5
        assertEquals(ScreeningOutcome.TRUE_POSITIVE, Comparisons.of("S", "v", 320, 310, 290, 330, 0.7).getOutcome());
        assertEquals(ScreeningOutcome.FALSE_POSITIVE, Comparisons.of("S", "v", 280, 310, 290, 330, 0.7).getOutcome());
        assertEquals(ScreeningOutcome.FALSE_NEGATIVE, Comparisons.of("S", "v", 300, 280, 260, 300, 0.2).getOutcome(),
                "a lab value at the threshold is high");
        assertEquals(ScreeningOutcome.TRUE_NEGATIVE, Comparisons.of("S", "v", 200, 280, 260, 300, 0.2).getOutcome());
        assertEquals(ScreeningOutcome.TRUE_POSITIVE, Comparisons.of("S", "v", 300, 300, 290, 310, 0.5).getOutcome(),
                "P(high) at the alert probability screens high");
        assertEquals(ScreeningOutcome.UNKNOWN, LabComparison.outcome(true, 300, Double.NaN, Double.NaN),
                "a prediction kept before thresholds were kept");
    }
}
