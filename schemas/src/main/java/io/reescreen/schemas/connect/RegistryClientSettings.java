package io.reescreen.schemas.connect;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How to authenticate to the schema registry and which certificates to trust, in the Apicurio serde's own keys
 * ({@code apicurio.registry.auth.*}, {@code apicurio.registry.tls.*}, {@code apicurio.registry.proxy.*}), so a file
 * written for Apicurio's clients works here unchanged. Values may be {@code ${file:path:key}} or {@code ${env:NAME}}
 * references (Kafka's syntax); {@link RegistryConnection} resolves them when it hands them to the serde. Immutable.
 */
public final class RegistryClientSettings {

    /** No credentials, the JVM's default trust: an open registry, as every client used before. */
    public static final RegistryClientSettings NONE = new RegistryClientSettings(new SettingsFile(Map.of(), "defaults"));

    /** Every client key of Apicurio 3.1.7's SchemaResolverConfig about authentication, TLS and proxies. */
    static final Set<String> KNOWN_KEYS = Set.of(
            SchemaResolverConfig.AUTH_USERNAME, SchemaResolverConfig.AUTH_PASSWORD,
            SchemaResolverConfig.AUTH_TOKEN_ENDPOINT, SchemaResolverConfig.AUTH_CLIENT_ID,
            SchemaResolverConfig.AUTH_CLIENT_SECRET, SchemaResolverConfig.AUTH_CLIENT_SCOPE,
            SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION, SchemaResolverConfig.TLS_TRUSTSTORE_PASSWORD,
            SchemaResolverConfig.TLS_TRUSTSTORE_TYPE, SchemaResolverConfig.TLS_CERTIFICATES,
            SchemaResolverConfig.TLS_TRUST_ALL, SchemaResolverConfig.TLS_VERIFY_HOST,
            SchemaResolverConfig.PROXY_HOST, SchemaResolverConfig.PROXY_PORT,
            SchemaResolverConfig.PROXY_USERNAME, SchemaResolverConfig.PROXY_PASSWORD);

    private static final String ALLOWED = "apicurio.registry.auth.*, apicurio.registry.tls.*, apicurio.registry.proxy.*";

    private final SettingsFile settings;

    private RegistryClientSettings(SettingsFile settings) {
        this.settings = settings;
        Map<String, String> entries = settings.entries();
        requireBoth(settings, SchemaResolverConfig.AUTH_USERNAME, SchemaResolverConfig.AUTH_PASSWORD);
        requireBoth(settings, SchemaResolverConfig.AUTH_CLIENT_ID, SchemaResolverConfig.AUTH_CLIENT_SECRET);
        requireBoth(settings, SchemaResolverConfig.AUTH_TOKEN_ENDPOINT, SchemaResolverConfig.AUTH_CLIENT_ID);
        if (entries.containsKey(SchemaResolverConfig.AUTH_USERNAME)
                && entries.containsKey(SchemaResolverConfig.AUTH_TOKEN_ENDPOINT)) {
            // Apicurio would silently pick OAuth2; say so instead.
            throw new IllegalArgumentException(settings.source() + ": both basic credentials ("
                    + SchemaResolverConfig.AUTH_USERNAME + ") and OAuth2 (" + SchemaResolverConfig.AUTH_TOKEN_ENDPOINT
                    + ") are set: keep one");
        }
    }

    /** A registry client properties file ({@code --registry-config}, {@code reescreen.registry.config}). */
    public static RegistryClientSettings load(Path file) {
        return new RegistryClientSettings(SettingsFile.load(file, KNOWN_KEYS::contains, ALLOWED));
    }

    /** The same keys as environment variables: {@code APICURIO_REGISTRY_AUTH_PASSWORD} -> {@code apicurio.registry.auth.password}. */
    public static RegistryClientSettings fromEnvironment(Map<String, String> env) {
        return new RegistryClientSettings(SettingsFile.fromEnvironment(env, KNOWN_KEYS, "environment (APICURIO_REGISTRY_*)"));
    }

    /** The known keys among full property names ({@code apicurio.registry.auth.username}, ...), e.g. Micronaut's. */
    public static RegistryClientSettings fromProperties(Map<String, ?> properties, String source) {
        Map<String, String> entries = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (value != null && KNOWN_KEYS.contains(key)) {
                entries.put(key, value.toString());
            }
        });
        return new RegistryClientSettings(new SettingsFile(entries, source));
    }

    /** Both; a key set in both with different values is refused, naming the key and both sources, never the values. */
    public RegistryClientSettings merge(RegistryClientSettings other) {
        return new RegistryClientSettings(settings.merge(other.settings));
    }

    /** The settings exactly as written, references unresolved (secrets included: never print this). */
    public Map<String, String> settings() {
        return settings.entries();
    }

    /** The settings with every secret shown as {@code [hidden]}: safe to print. */
    public Map<String, String> redacted() {
        return settings.redacted();
    }

    public String source() {
        return settings.source();
    }

    /** "basic credentials", "OAuth2 client credentials" or "no credentials": how the client proves who it is. */
    public String authentication() {
        if (settings.entries().containsKey(SchemaResolverConfig.AUTH_TOKEN_ENDPOINT)) {
            return "OAuth2 client credentials";
        }
        return settings.entries().containsKey(SchemaResolverConfig.AUTH_USERNAME) ? "basic credentials" : "no credentials";
    }

    @Override
    public String toString() {
        return authentication() + " from " + source() + ", keys " + settings.entries().keySet();
    }

    private static void requireBoth(SettingsFile settings, String first, String second) {
        Map<String, String> entries = settings.entries();
        if (entries.containsKey(first) != entries.containsKey(second)) {
            String set = entries.containsKey(first) ? first : second;
            String missing = entries.containsKey(first) ? second : first;
            throw new IllegalArgumentException(settings.source() + ": " + set + " is set but " + missing + " is not");
        }
    }
}
