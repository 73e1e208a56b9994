package io.reescreen.launcher;

import io.reescreen.retrainer.app.RetrainerService;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The retrainer alone, against a running Kafka and registry ({@code ./reescreen stack}, or a cluster): restarted,
 * killed or upgraded without the broker, the registry or the screener. Runs until Ctrl-C or SIGTERM.
 */
@Command(name = "retrainer",
        description = "the retrainer service alone, against KAFKA_BOOTSTRAP_SERVERS / SCHEMA_REGISTRY_URL",
        customSynopsis = {
                "./reescreen retrainer [--bootstrap-servers B] [--registry-url U] [--http-port 8081] [--http-host H]",
                "                            [--work-dir DIR] [--bootstrap-model FILE] [--instance-name NAME]",
                "                            [--kafka-config FILE] [--registry-config FILE]"},
        footer = {"Other settings come from the environment or -D system properties (REESCREEN_JAVA_OPTS), by their",
                "Micronaut keys (services/retrainer/README.md). Ctrl-C or SIGTERM stops it cleanly.",
                "POST /retrain needs REESCREEN_RETRAINER_AUTH_TOKEN (16+ characters); without it the endpoint is off."})
final class RetrainerCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Mixin
    private ServiceOptions options;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "8081", description = "HTTP port (default ${DEFAULT-VALUE})")
    private int httpPort;

    RetrainerCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        var out = terminal.out();
        long started = System.nanoTime();
        RetrainerService retrainer = RetrainerService.start(options.serviceProperties("retrainer", httpPort, out));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("reescreen retrainer: stopping...");
            retrainer.close();
            out.println("reescreen retrainer: stopped");
            out.flush();
        }, "retrainer-shutdown"));
        // the scheme from the server itself: https only when --tls-keystore is given
        String base = retrainer.uri().getScheme() + "://" + options.httpHost() + ":" + retrainer.httpPort() + "/";
        out.printf(Locale.ROOT, "Retrainer up: HTTP %s (GET /retrain, /retrain/history, /health, /prometheus); "
                        + "group.instance.id %s%n", base,
                retrainer.runtime().streamsConfig().getProperty("group.instance.id", "(none: dynamic membership)"));
        out.flush();
        try {
            retrainer.awaitReady(Duration.ofMinutes(5));
            out.printf(Locale.ROOT, "Retrainer processing (streams RUNNING, champion %s) %.1f s after start. "
                    + "Ctrl-C stops it.%n", retrainer.runtime().champion().version(), (System.nanoTime() - started) / 1e9);
        } catch (TimeoutException e) {
            out.println("Retrainer: " + e.getMessage() + " (is Kafka reachable?); it keeps trying. Ctrl-C stops it.");
        }
        out.flush();
        return Reescreen.KEEP_RUNNING;
    }
}
