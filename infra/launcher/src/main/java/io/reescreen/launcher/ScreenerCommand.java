package io.reescreen.launcher;

import io.reescreen.screener.app.ScreenerService;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The screener alone, against a running Kafka and registry ({@code ./reescreen stack}, or a cluster): restarted,
 * killed or upgraded without the broker, the registry or the retrainer. Runs until Ctrl-C or SIGTERM.
 */
final class ScreenerCommand implements Command {

    static final int DEFAULT_HTTP_PORT = 8080;

    @Override
    public String name() {
        return "screener";
    }

    @Override
    public String summary() {
        return "the screener service alone, against KAFKA_BOOTSTRAP_SERVERS / SCHEMA_REGISTRY_URL";
    }

    @Override
    public String usage() {
        return "Usage: ./reescreen screener [--bootstrap-servers B] [--registry-url U] [--http-port 8080] [--http-host H]\n"
                + "                           [--work-dir DIR] [--bootstrap-model FILE] [--instance-name NAME]\n"
                + ServiceOptions.usage("screener", DEFAULT_HTTP_PORT);
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly(ServiceOptions.NAMES);
        ServiceOptions options = ServiceOptions.of(args, "screener", DEFAULT_HTTP_PORT);
        String busy = PortCheck.complaint(options.httpHost(), options.httpPort(), "the screener's HTTP port", "--http-port");
        if (busy != null) {
            err.println("reescreen screener: " + busy);
            return 2;
        }
        long started = System.nanoTime();
        BootstrapModelFile.ensure(options.bootstrapModel(), out);
        Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", options.cluster().bootstrapServers());
        properties.put("reescreen.registry.url", options.cluster().registryUrl());
        properties.put("micronaut.server.port", options.httpPort());
        properties.put("micronaut.server.host", options.httpHost());
        properties.put("kafka.streams.screener.state.dir", options.workDir().resolve("state").toString());
        properties.put("reescreen.screener.bootstrap-model", options.bootstrapModel().toString());
        properties.put("reescreen.screener.instance-name", options.instanceName());
        options.advertisedHost().ifPresent(host -> properties.put("reescreen.screener.advertised-host", host));
        ScreenerService screener = ScreenerService.start(properties);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("reescreen screener: stopping (committing, then leaving the streams)...");
            screener.close();
            out.println("reescreen screener: stopped");
            out.flush();
        }, "screener-shutdown"));
        out.printf(Locale.ROOT, "Screener up: model %s; HTTP %s (GET /lots/{lotId}, /model, /health, /prometheus); "
                        + "group.instance.id %s%n", screener.model().info().version(), "http://" + options.httpHost() + ":"
                        + screener.httpPort() + "/",
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
        return KEEP_RUNNING;
    }
}
