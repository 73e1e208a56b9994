package io.reescreen.schemas.connect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.config.types.Password;

/**
 * Checks made before a process starts its clients, so a wrong setting fails the start at once in one line
 * ({@link ConnectionProblem}) instead of a client retrying for a minute or a stream dying later.
 */
public final class ConnectionCheck {

    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----");

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
                AdminClientConfig.CLIENT_ID_CONFIG, "reescreen-connection-check",
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
                return pemCertificates(file);
            }
            KeyStore store = KeyStore.getInstance(type);
            Password password = config.getPassword(prefix + ".password");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password == null ? null : password.value().toCharArray());
            }
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

    private static List<Certificate> pemCertificates(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_CERTIFICATE.matcher(text);
        while (block.find()) {
            certificates.add(factory.generateCertificate(
                    new ByteArrayInputStream(block.group().getBytes(StandardCharsets.US_ASCII))));
        }
        return certificates;
    }

    /** Kafka's own reading of the settings (providers resolved, defaults filled in), without its INFO dump. */
    private static final class ResolvedConfig extends AdminClientConfig {
        ResolvedConfig(Map<?, ?> settings) {
            super(settings, false);
        }
    }
}
