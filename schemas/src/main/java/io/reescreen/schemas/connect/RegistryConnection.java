package io.reescreen.schemas.connect;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
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

    /**
     * A JDK HTTP client for reescreen's own registry calls (readiness, configuration, checks) that trusts what the serde
     * trusts: {@code apicurio.registry.tls.truststore.*} (JKS, PKCS12 or PEM) or {@code apicurio.registry.tls.certificates},
     * else the JVM's default trust. It always verifies the host name: the JDK client cannot turn that off per client, so
     * {@code apicurio.registry.tls.verify-host=false} and {@code trust-all} are refused here.
     */
    public HttpClient httpClient(Duration connectTimeout) {
        Map<String, Object> resolved = serdeConfig();
        for (String key : new String[] {SchemaResolverConfig.TLS_TRUST_ALL, SchemaResolverConfig.TLS_VERIFY_HOST}) {
            boolean wanted = key.equals(SchemaResolverConfig.TLS_VERIFY_HOST);
            if (resolved.containsKey(key) && Boolean.parseBoolean(resolved.get(key).toString()) != wanted) {
                throw new IllegalArgumentException(key + "=" + resolved.get(key) + " (" + settings.source()
                        + ") is not supported for reescreen's own registry calls: give the registry's CA in "
                        + SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION);
            }
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        try {
            Optional<KeyStore> trusted = trustStore(resolved);
            if (trusted.isPresent()) {
                builder.sslContext(TrustStores.context(trusted.get()));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ConnectionProblem(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION + ": cannot be read ("
                    + e.getClass().getSimpleName() + ", " + settings.source() + ")",
                    SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION);
        }
        return builder.build();
    }

    /**
     * The {@code Authorization} header for reescreen's own registry calls: {@code Basic ...} for basic credentials, a
     * {@code Bearer} token fetched now from the token endpoint for OAuth2, empty for an open registry.
     */
    public Optional<String> authorization(HttpClient client, Duration timeout) throws IOException, InterruptedException {
        Map<String, Object> resolved = serdeConfig();
        if (resolved.containsKey(SchemaResolverConfig.AUTH_TOKEN_ENDPOINT)) {
            return Optional.of("Bearer " + OAuth2ClientCredentials.token(client,
                    resolved.get(SchemaResolverConfig.AUTH_TOKEN_ENDPOINT).toString(),
                    resolved.get(SchemaResolverConfig.AUTH_CLIENT_ID).toString(),
                    resolved.get(SchemaResolverConfig.AUTH_CLIENT_SECRET).toString(),
                    (String) resolved.get(SchemaResolverConfig.AUTH_CLIENT_SCOPE), timeout));
        }
        if (resolved.containsKey(SchemaResolverConfig.AUTH_USERNAME)) {
            String pair = resolved.get(SchemaResolverConfig.AUTH_USERNAME) + ":"
                    + resolved.get(SchemaResolverConfig.AUTH_PASSWORD);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static Optional<KeyStore> trustStore(Map<String, Object> resolved)
            throws IOException, GeneralSecurityException {
        Object certificates = resolved.get(SchemaResolverConfig.TLS_CERTIFICATES);
        Object location = resolved.get(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION);
        String type = String.valueOf(resolved.getOrDefault(SchemaResolverConfig.TLS_TRUSTSTORE_TYPE,
                SchemaResolverConfig.TLS_TRUSTSTORE_TYPE_DEFAULT));
        if (certificates != null && certificates.toString().contains("-----BEGIN CERTIFICATE-----")) {
            return Optional.of(TrustStores.trusting(TrustStores.pemCertificates(certificates.toString())));
        }
        if (certificates != null || (location != null && type.equalsIgnoreCase("PEM"))) {
            // As Apicurio's client reads them: one or more PEM files, comma-separated.
            List<Certificate> all = new ArrayList<>();
            for (String file : String.valueOf(certificates != null ? certificates : location).split(",")) {
                all.addAll(TrustStores.pemCertificates(Path.of(file.strip())));
            }
            return Optional.of(TrustStores.trusting(all));
        }
        if (location != null) {
            Object password = resolved.get(SchemaResolverConfig.TLS_TRUSTSTORE_PASSWORD);
            String storeType = type.equalsIgnoreCase("P12") ? "PKCS12" : type;
            return Optional.of(TrustStores.open(Path.of(location.toString()), storeType,
                    password == null ? null : password.toString()));
        }
        return Optional.empty();
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
