package io.reescreen.launcher;

import io.reescreen.screener.app.ScreenerService;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The screener alone, against a running Kafka and registry ({@code ./reescreen stack}, or a cluster): restarted,
 * killed or upgraded without the broker, the registry or the retrainer. Runs until Ctrl-C or SIGTERM.
 */
@Command(name = "screener",
        description = "the screener service alone, against KAFKA_BOOTSTRAP_SERVERS / SCHEMA_REGISTRY_URL",
        customSynopsis = {
                "./reescreen screener [--bootstrap-servers B] [--registry-url U] [--http-port 8080] [--http-host H]",
                "                           [--work-dir DIR] [--bootstrap-model FILE] [--instance-name NAME]",
                "                           [--kafka-config FILE] [--registry-config FILE]"},
        footer = {"Other settings come from the environment or -D system properties (REESCREEN_JAVA_OPTS), by their",
                "Micronaut keys (services/screener/README.md). Ctrl-C or SIGTERM stops it cleanly."})
final class ScreenerCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Mixin
    private ServiceOptions options;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE})")
    private int httpPort;

    ScreenerCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        var out = terminal.out();
        long started = System.nanoTime();
        Map<String, Object> properties = options.serviceProperties("screener", httpPort, out);
        options.advertisedHost().ifPresent(host -> properties.put("reescreen.screener.advertised-host", host));
        ScreenerService screener = ScreenerService.start(properties);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("reescreen screener: stopping (committing, then leaving the streams)...");
            screener.close();
            out.println("reescreen screener: stopped");
            out.flush();
        }, "screener-shutdown"));
        // the scheme from the server itself: https only when --tls-keystore is given
        String base = screener.uri().getScheme() + "://" + options.httpHost() + ":" + screener.httpPort() + "/";
        out.printf(Locale.ROOT, "Screener up: model %s; HTTP %s (GET /lots/{lotId}, /model, /health, /prometheus); "
                        + "group.instance.id %s%n", screener.model().info().version(), base,
                screener.streamsConfig().getProperty("group.instance.id", "(none: dynamic membership)"));
        out.flush();
        try {
            screener.awaitRunning(Duration.ofMinutes(5));
            out.printf(Locale.ROOT, "Screener processing (streams RUNNING) %.1f s after start. Ctrl-C stops it.%n",
                    (System.nanoTime() - started) / 1e9);
        } catch (TimeoutException e) {
            out.println("Screener: " + e.getMessage() + " (is Kafka reachable?); it keeps trying. Ctrl-C stops it.");
        }
        out.flush();
        return Reescreen.KEEP_RUNNING;
    }
}
