package io.reescreen.launcher;

import io.reescreen.retrainer.app.RetrainerService;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The retrainer alone, against a running Kafka and registry ({@code ./reescreen stack}, or a cluster): restarted,
 * killed or upgraded without the broker, the registry or the screener. Runs until Ctrl-C or SIGTERM.
 */
final class RetrainerCommand implements Command {

    static final int DEFAULT_HTTP_PORT = 8081;

    @Override
    public String name() {
        return "retrainer";
    }

    @Override
    public String summary() {
        return "the retrainer service alone, against KAFKA_BOOTSTRAP_SERVERS / SCHEMA_REGISTRY_URL";
    }

    @Override
    public String usage() {
        return "Usage: ./reescreen retrainer [--bootstrap-servers B] [--registry-url U] [--http-port 8081] [--http-host H]\n"
                + "                            [--work-dir DIR] [--bootstrap-model FILE] [--instance-name NAME]\n"
                + ServiceOptions.usage("retrainer", DEFAULT_HTTP_PORT)
                + "\nPOST /retrain needs REESCREEN_RETRAINER_AUTH_TOKEN (16+ characters); without it the endpoint is off.";
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly(ServiceOptions.NAMES);
        ServiceOptions options = ServiceOptions.of(args, "retrainer", DEFAULT_HTTP_PORT);
        String busy = PortCheck.complaint(options.httpHost(), options.httpPort(), "the retrainer's HTTP port", "--http-port");
        if (busy != null) {
            err.println("reescreen retrainer: " + busy);
            return 2;
        }
        long started = System.nanoTime();
        BootstrapModelFile.ensure(options.bootstrapModel(), out);
        Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", options.cluster().bootstrapServers());
        properties.put("reescreen.registry.url", options.cluster().registryUrl());
        properties.put("micronaut.server.port", options.httpPort());
        properties.put("micronaut.server.host", options.httpHost());
        properties.put("kafka.streams.retrainer.state.dir", options.workDir().resolve("state").toString());
        properties.put("reescreen.retrainer.bootstrap-model", options.bootstrapModel().toString());
        properties.put("reescreen.retrainer.instance-name", options.instanceName());
        RetrainerService retrainer = RetrainerService.start(properties);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("reescreen retrainer: stopping...");
            retrainer.close();
            out.println("reescreen retrainer: stopped");
            out.flush();
        }, "retrainer-shutdown"));
        out.printf(Locale.ROOT, "Retrainer up: HTTP %s (GET /retrain, /retrain/history, /health, /prometheus); "
                        + "group.instance.id %s%n", "http://" + options.httpHost() + ":" + retrainer.httpPort() + "/",
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
        return KEEP_RUNNING;
    }
}
