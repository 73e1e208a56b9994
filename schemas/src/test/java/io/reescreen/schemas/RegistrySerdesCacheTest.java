package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every serde (screener, retrainer, tools) keeps what the registry told it for the process's life: a registry outage
 * must not matter for schema ids already seen. Apicurio's default lifetime (30 s) made it matter (bench faults,
 * registry restart).
 */
class RegistrySerdesCacheTest {

    @Test
    void lookedUpSchemasAreKeptForTheProcesssLifeAndKeptWhenARefreshFails() {
        Map<String, Object> config = new RegistrySerdes("http://127.0.0.1:1/apis/registry/v3", false)
                .config(XrfReading.class);
        SchemaResolverConfig resolver = new SchemaResolverConfig(config);
        assertTrue(resolver.getCheckPeriod().compareTo(Duration.ofDays(365)) > 0, resolver.getCheckPeriod().toString());
        assertEquals(true, config.get(SchemaResolverConfig.FAULT_TOLERANT_REFRESH));
        // The lifetime must not overflow an Instant (ERCache adds it to now()).
        java.time.Instant.now().plus(resolver.getCheckPeriod());
    }
}
