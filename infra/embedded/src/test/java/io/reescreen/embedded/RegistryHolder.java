package io.reescreen.embedded;

import java.nio.file.Paths;
import java.time.Duration;

/** A JVM that starts the registry, prints its pid and waits to be killed: the parent in NoOrphanRegistryTest. */
public final class RegistryHolder {

    private RegistryHolder() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(Paths.get(args[0]), 0, Duration.ofSeconds(90));
        System.out.println("REGISTRY_PID=" + registry.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
