package io.reescreen.schemas.connect;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.config.types.Password;

/**
 * Checks made before a process starts its clients, so a wrong setting fails the start at once in one line
 * ({@link ConnectionProblem}) instead of a client retrying for a minute or a stream dying later.
 */
public final class ConnectionCheck {

    /** The check's Kafka client id, in each of its client's log lines (a console may leave them out). */
    public static final String CLIENT_ID = "reescreen-connection-check";


    private ConnectionCheck() {
    }

    /**
     * Asks the cluster for its brokers ({@code Admin.describeCluster}) and waits at most {@code timeout}: a cluster
     * that refuses the credentials or the certificate answers at once; one spoken to in the wrong protocol never
     * answers, which is reported when the time is up.
     *
     * @throws ConnectionProblem naming the setting to look at
     */
    public static void kafka(KafkaConnection connection, Duration timeout) {
        int timeoutMs = Math.toIntExact(timeout.toMillis());
        Map<String, Object> own = Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        Admin admin;
        try {
            admin = Admin.create(connection.clientConfig(own));
        } catch (RuntimeException e) {
            // A SASL client without a JAAS login, an unreadable keystore, an invalid value: refused before any connection.
            throw ConnectionProblem.explain(e, connection, timeout);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes()
                    .get(timeoutMs + 2_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw ConnectionProblem.explain(e.getCause(), connection, timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            throw ConnectionProblem.explain(e, connection, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionProblem("interrupted while checking Kafka at " + connection.bootstrapServers(),
                    "bootstrap.servers");
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return ConnectionProblem.find(failure, type).isPresent();
    }

    /**
     * An authenticated read of the registry ({@code GET <url>/search/artifacts?limit=1}; {@code /system/info} may be
     * open to anyone), with the trust and credentials the serde would use, waiting at most {@code timeout}.
     *
     * @throws ConnectionProblem naming the {@code apicurio.registry.*} setting to look at
     */
    public static void registry(RegistryConnection registry, Duration timeout) {
        String where = "the registry at " + registry.url();
        try {
            HttpClient client = registry.httpClient(timeout);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + "/search/artifacts?limit=1"))
                    .timeout(timeout).GET();
            registry.authorization(client, timeout).ifPresent(header -> request.header("Authorization", header));
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 401 || status == 403) {
                boolean oauth2 = registry.settings().settings().containsKey(SchemaResolverConfig.AUTH_TOKEN_ENDPOINT);
                String setting = oauth2 ? SchemaResolverConfig.AUTH_CLIENT_ID : SchemaResolverConfig.AUTH_PASSWORD;
                String settings = oauth2 ? SchemaResolverConfig.AUTH_CLIENT_ID
                        : SchemaResolverConfig.AUTH_USERNAME + ", " + SchemaResolverConfig.AUTH_PASSWORD;
                throw new ConnectionProblem(where + " refused " + registry.settings().authentication() + ", HTTP "
                        + status + " (" + settings + ")", setting);
            }
            if (status != 200) {
                throw new ConnectionProblem(where + " answered HTTP " + status + " to a search: is that its core API "
                        + "(https://host:port/apis/registry/v3)?", SchemaResolverConfig.REGISTRY_URL);
            }
        } catch (HttpTimeoutException e) {
            throw new ConnectionProblem("no answer from " + where + " within " + timeout.toSeconds() + " s",
                    SchemaResolverConfig.REGISTRY_URL);
        } catch (IOException e) {
            if (causedBy(e, SSLHandshakeException.class)) {
                String why = causedBy(e, CertificateExpiredException.class) ? "its certificate has expired"
                        : causedBy(e, CertPathBuilderException.class) || causedBy(e, CertPathValidatorException.class)
                        ? "its certificate is not trusted" : "TLS refused";
                throw new ConnectionProblem("TLS handshake with " + where + " failed: " + why + " ("
                        + SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION + ")", SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION);
            }
            throw new ConnectionProblem("cannot reach " + where + ": " + e.getClass().getSimpleName()
                    + " (is the URL right, and is it http or https as the registry serves?)",
                    SchemaResolverConfig.REGISTRY_URL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionProblem("interrupted while checking " + where, SchemaResolverConfig.REGISTRY_URL);
        }
    }

    /**
     * Opens the truststore and keystore the settings name, as Kafka would (references resolved by Kafka's own config
     * providers), and checks that the client certificate is valid today: an expired certificate is named before any
     * connection, where the broker would only answer with a TLS alert.
     *
     * @throws ConnectionProblem naming {@code ssl.truststore.*} or {@code ssl.keystore.*}
     */
    public static void localFiles(KafkaClientSecurity security) {
        if (security.settings().keySet().stream().noneMatch(key -> key.startsWith("ssl."))) {
            return;
        }
        ResolvedConfig resolved;
        try {
            resolved = new ResolvedConfig(KafkaConnection.of("localhost:9092", security).clientConfig(Map.of()));
        } catch (RuntimeException e) {
            throw ConnectionProblem.explain(e, KafkaConnection.of("(not contacted)", security));
        }
        List<Certificate> trusted = open(resolved, "ssl.truststore");
        if (trusted != null && trusted.isEmpty()) {
            throw new ConnectionProblem("ssl.truststore.location: " + resolved.getString("ssl.truststore.location")
                    + " holds no certificate", "ssl.truststore.location");
        }
        List<Certificate> own = open(resolved, "ssl.keystore");
        if (own != null) {
            String location = resolved.getString("ssl.keystore.location");
            if (own.isEmpty()) {
                throw new ConnectionProblem("ssl.keystore.location: " + location + " holds no client certificate",
                        "ssl.keystore.location");
            }
            X509Certificate leaf = (X509Certificate) own.get(0);
            try {
                leaf.checkValidity();
            } catch (CertificateExpiredException e) {
                throw new ConnectionProblem("ssl.keystore.location: the client certificate in " + location
                        + " expired on " + leaf.getNotAfter().toInstant() + "; renew it", "ssl.keystore.location");
            } catch (CertificateNotYetValidException e) {
                throw new ConnectionProblem("ssl.keystore.location: the client certificate in " + location
                        + " is valid only from " + leaf.getNotBefore().toInstant(), "ssl.keystore.location");
            }
        }
    }

    /**
     * The certificates of one store ({@code prefix} = ssl.truststore / ssl.keystore): a keystore's first key entry's
     * chain (leaf first), a truststore's trusted certificates; null when the settings name no such file.
     */
    private static List<Certificate> open(ResolvedConfig config, String prefix) {
        String location = config.getString(prefix + ".location");
        if (location == null || location.isBlank()) {
            return null;
        }
        String locationKey = prefix + ".location";
        Path file = Path.of(location);
        if (!Files.isRegularFile(file)) {
            throw new ConnectionProblem(locationKey + ": no file at " + file, locationKey);
        }
        if (!Files.isReadable(file)) {
            throw new ConnectionProblem(locationKey + ": " + file + " cannot be read by this user", locationKey);
        }
        String type = config.getString(prefix + ".type");
        try {
            if ("PEM".equalsIgnoreCase(type)) {
                return TrustStores.pemCertificates(file);
            }
            Password password = config.getPassword(prefix + ".password");
            KeyStore store = TrustStores.open(file, type, password == null ? null : password.value());
            List<Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (prefix.equals("ssl.keystore") && store.isKeyEntry(alias)) {
                    return List.of(store.getCertificateChain(alias));
                }
                if (prefix.equals("ssl.truststore") && store.isCertificateEntry(alias)) {
                    certificates.add(store.getCertificate(alias));
                }
            }
            return certificates;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new ConnectionProblem(prefix + ".password does not open " + locationKey + " (" + file + ")",
                        prefix + ".password");
            }
            throw new ConnectionProblem(locationKey + ": " + file + " cannot be read as a " + type + " store ("
                    + prefix + ".type)", locationKey);
        } catch (GeneralSecurityException e) {
            throw new ConnectionProblem(locationKey + ": " + file + " cannot be read as a " + type + " store ("
                    + prefix + ".type, " + e.getClass().getSimpleName() + ")", locationKey);
        }
    }

    /** Kafka's own reading of the settings (providers resolved, defaults filled in), without its INFO dump. */
    private static final class ResolvedConfig extends AdminClientConfig {
        ResolvedConfig(Map<?, ?> settings) {
            super(settings, false);
        }
    }
}
