package io.reescreen.schemas.connect;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/** Where the schema registry is and how to talk to it: what every registry serde and registry call takes. */
public final class RegistryConnection {

    private final String url;
    private final RegistryClientSettings settings;

    private RegistryConnection(String url, RegistryClientSettings settings) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the registry URL is empty: give its core API, e.g. "
                    + "https://registry:8443/apis/registry/v3");
        }
        this.url = url.strip();
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** An open registry (the embedded stack, a test): no credentials, the JVM's default trust. */
    public static RegistryConnection open(String url) {
        return new RegistryConnection(url, RegistryClientSettings.NONE);
    }

    public static RegistryConnection of(String url, RegistryClientSettings settings) {
        return new RegistryConnection(url, settings);
    }

    /** The registry's core API, e.g. {@code https://registry:8443/apis/registry/v3}. */
    public String url() {
        return url;
    }

    public RegistryClientSettings settings() {
        return settings;
    }

    /**
     * The Apicurio serde keys for the credentials and trust, with {@code ${file:..}} / {@code ${env:..}} references
     * resolved (Apicurio's client does not resolve them; Kafka's providers do it here, with Kafka's syntax). Secrets
     * included: hand to a serde, never print.
     */
    public Map<String, Object> serdeConfig() {
        Map<String, ConfigProvider> providers = new HashMap<>();
        providers.put("file", configured(new FileConfigProvider()));
        providers.put("env", configured(new EnvVarConfigProvider()));
        Map<String, String> resolved = new ConfigTransformer(providers).transform(settings.settings()).data();
        providers.values().forEach(RegistryConnection::close);
        Map<String, Object> config = new HashMap<>(resolved);
        config.put(SchemaResolverConfig.REGISTRY_URL, url);
        return config;
    }

    /** For logs and errors: {@code https://registry:8443/apis/registry/v3 with basic credentials}; never a secret. */
    public String describe() {
        String trust = settings.settings().containsKey(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION)
                ? ", trusting " + settings.settings().get(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION)
                : "";
        return url + " with " + settings.authentication() + trust;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static ConfigProvider configured(ConfigProvider provider) {
        provider.configure(Map.of());
        return provider;
    }

    /** File and environment providers hold nothing open, but closing is their contract. */
    private static void close(ConfigProvider provider) {
        try {
            provider.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
