package io.reescreen.screener.app;

import io.micronaut.runtime.Micronaut;
import io.reescreen.streams.ServiceLifecycle;

/**
 * The screener as a stand-alone service: {@code java -cp ... io.reescreen.screener.app.ScreenerApplication}, configured
 * by {@code application.properties}, system properties and the environment ({@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code SCHEMA_REGISTRY_URL}, {@code MICRONAUT_SERVER_PORT}, ...). Programmatic use (the demo, tests):
 * {@link ScreenerService#start(java.util.Map)}.
 */
public final class ScreenerApplication {

    private ScreenerApplication() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "screener-logback.xml");
        }
        ServiceLifecycle.djlOffline();
        Micronaut.build(args).mainClass(ScreenerApplication.class).deduceEnvironment(false).start();
    }
}
