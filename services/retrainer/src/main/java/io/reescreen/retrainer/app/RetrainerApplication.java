package io.reescreen.retrainer.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.reescreen.streams.ServiceLifecycle;
import java.util.Map;

/**
 * The retrainer as a stand-alone service: {@code java -cp ... io.reescreen.retrainer.app.RetrainerApplication},
 * configured by system properties and the environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL},
 * {@code REESCREEN_RETRAINER_AUTH_TOKEN}, {@code MICRONAUT_SERVER_PORT}, ...). Programmatic use:
 * {@link RetrainerService#start(java.util.Map)}. Like that start, it first checks the connections (a secured cluster
 * or registry must accept the settings within 15 s) and exits with status 1 and one line naming the setting if not.
 */
public final class RetrainerApplication {

    private RetrainerApplication() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "retrainer-logback.xml");
        }
        ServiceLifecycle.djlOffline();
        Map<String, Object> service = Map.of(RetrainerProperties.SERVICE, RetrainerProperties.STREAM_NAME);
        // The same check as RetrainerService.start: a refused password or certificate stops here in one line.
        ServiceLifecycle.exitOnConnectionRefusal("retrainer", service, args, RetrainerService.CONNECTION_CHECK_TIMEOUT);
        ApplicationContext context = RetrainerService.builder()
                .properties(service)
                .args(args)
                .start();
        context.getBean(EmbeddedServer.class).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (context.isRunning()) {
                context.close();
            }
        }, "retrainer-shutdown"));
    }
}
