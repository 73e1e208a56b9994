package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The demo's alarm: silent while the services' streams run, loud and exit status 3 once one stopped for good. */
class StreamsAlarmTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void whenTheRetrainerReportsItsStreamsStoppedForGoodTheDemoSaysSoOnBothStreamsAndExitsWithStatus3() throws Exception {
        // As RetrainerRuntime.streamsDead(): nothing while the streams run or rebalance, then StreamsWatch's reason.
        AtomicReference<String> retrainerDead = new AtomicReference<>();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        try (StreamsAlarm alarm = new StreamsAlarm(out, err, exit::complete, Duration.ofMillis(20))
                .watch("screener", Optional::empty)
                .watch("retrainer", () -> Optional.ofNullable(retrainerDead.get()))
                .start()) {
            Thread.sleep(100);
            assertFalse(exit.isDone(), "nothing stopped yet");
            retrainerDead.set("the retrainer streams are ERROR");
            assertEquals(StreamsAlarm.EXIT_STREAMS_STOPPED, exit.get(5, TimeUnit.SECONDS));
        }
        String said = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("REESCREEN DEMO STOPPING: the retrainer's streams stopped for good"), said);
        assertTrue(said.contains("the retrainer streams are ERROR"), said);
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("REESCREEN DEMO STOPPING"));
    }

    @Test
    void theScreenersOwnReasonIsPrintedAndAClosedAlarmStaysSilent() {
        AtomicReference<Integer> exit = new AtomicReference<>();
        StreamsAlarm alarm = new StreamsAlarm(out, out, exit::set, Duration.ofSeconds(1))
                .watch("screener", () -> Optional.of("a screener stream thread died (t-1): boom"));
        assertTrue(alarm.check());
        assertEquals(3, exit.get());
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("a screener stream thread died (t-1): boom"));

        AtomicReference<Integer> after = new AtomicReference<>();
        StreamsAlarm closed = new StreamsAlarm(out, out, after::set, Duration.ofSeconds(1))
                .watch("screener", () -> Optional.of("closing"));
        closed.close();
        assertFalse(closed.check(), "the demo's own shutdown is not an alarm");
        assertEquals(null, after.get());
    }
}
