package io.reescreen.screener.app;

import io.micronaut.runtime.Micronaut;
import io.reescreen.streams.ServiceLifecycle;
import java.util.Map;

/**
 * The screener as a stand-alone service: {@code java -cp ... io.reescreen.screener.app.ScreenerApplication}, configured
 * by {@code application.properties}, system properties and the environment ({@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code SCHEMA_REGISTRY_URL}, {@code MICRONAUT_SERVER_PORT}, ...). Programmatic use (the demo, tests):
 * {@link ScreenerService#start(java.util.Map)}. Like that start, it first checks the connections (a secured cluster or
 * registry must accept the settings within 15 s) and exits with status 1 and one line naming the setting if not.
 */
public final class ScreenerApplication {

    private ScreenerApplication() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "screener-logback.xml");
        }
        ServiceLifecycle.djlOffline();
        // The same check as ScreenerService.start: a refused password or certificate stops here in one line.
        ServiceLifecycle.exitOnConnectionRefusal("screener", Map.of(), args, ScreenerService.CONNECTION_CHECK_TIMEOUT);
        Micronaut.build(args).mainClass(ScreenerApplication.class).deduceEnvironment(false).start();
    }
}
