package io.reescreen.screener.board;

import static org.awaitility.Awaitility.await;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.screener.app.ScreenerServiceEmbeddedTest;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.SimulationPlan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the board's browser tests (one per browser) run against: a screener on the embedded stack with an operator
 * token, and the XRF simulator shooting four lots, half REE-rich, plus a rich one under a hostile lot id.
 */
final class BoardScenario {

    static final String HOSTILE_LOT_ID = "<script>window.__pwned=1</script>";
    static final String OPERATOR_TOKEN = "board-test-operator-token";
    /** The screener answers an acknowledgement within its send timeout (15 s) plus making its producer. */
    static final Duration ACK_WAIT = Duration.ofSeconds(45);

    private BoardScenario() {
    }

    /** The screener's settings for one run, with the operator token. */
    static Map<String, Object> config(EmbeddedStack stack, String run, Path state) {
        Map<String, Object> p = ScreenerServiceEmbeddedTest.config(stack, "it-board-" + run, state,
                "it-board-model-" + run);
        p.put("reescreen.screener.board.operator-token", OPERATOR_TOKEN);
        return p;
    }

    /**
     * Waits until the screener's board has read the yard's backlog (other tests' alerts on the shared broker): from
     * then on alerts reach the page one by one, live.
     */
    static void awaitCaughtUp(ScreenerService screener, Duration atMost) {
        BoardRuntime board = screener.context().getBean(BoardRuntime.class);
        await("the board catches up with the yard").atMost(atMost).until(() -> board.feed().caughtUp());
    }

    /** Four simulated lots, half REE-rich, and a rich one again under the hostile id. */
    static List<SimulatedLot> lots(String run) {
        List<SimulatedLot> lots = new ArrayList<>(LotMix.of(4, 0.5, 13).draw(run));
        SimulatedLot rich = lots.stream().filter(SimulatedLot::reeRich).findFirst().orElseThrow();
        lots.add(new SimulatedLot(HOSTILE_LOT_ID, rich.siteId(), rich.syntheticSampleId(), rich.trueMolPct(),
                rich.trueWtPct(), rich.trueRee(), rich.ashOrigin(), rich.coalRank(), rich.basin(), rich.boilerType(),
                true));
        return lots;
    }

    static SimulationPlan plan(String run, List<SimulatedLot> lots) {
        // Slow enough that alerts arrive while the page is open, whichever backend serves it.
        return SimulationPlan.builder().runId("board" + run).seed(13).lots(lots).shotsPerLot(3)
                .totalReadings(lots.size() * 6L).readingsPerSecond(3).build();
    }

    /** The address of a lot's page on the board at {@code board}. */
    static String lotPage(String board, String lotId) {
        return board + "#/lots/" + URLEncoder.encode(lotId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
